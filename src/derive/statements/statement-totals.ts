/**
 * One fingerprint's figures on the top-queries screen, in a form that adds up over
 * any set of rows, minutes or hours: what a GROUP BY fingerprint over `statements`
 * gives (count(*), the sum and max of duration_ms, the `error` rows), plus the
 * duration histogram its p95 is read from. The total is kept in whole microseconds
 * (the log's precision), so that sums are exact whatever order they are taken in.
 */
import { addDuration, mergeHistogram, type DurationHistogram } from './duration-histogram.js';

export interface StatementTotals {
  /** The greatest normalized text among the rows, as max(normalized) picks it. */
  normalized: string;
  /** Rows: every phase, timed or not. */
  calls: number;
  /** Rows with a duration. */
  timed: number;
  totalUs: number;
  maxMs: number | null;
  errors: number;
  durations: DurationHistogram;
}

export function emptyTotals(normalized: string): StatementTotals {
  return { normalized, calls: 0, timed: 0, totalUs: 0, maxMs: null, errors: 0, durations: new Map() };
}

/** A duration in whole microseconds, as SQL's CAST(round(duration_ms * 1000) AS INTEGER) gives it. */
export const durationUs = (ms: number): number => Math.round(ms * 1000);

export function addStatement(t: StatementTotals, normalized: string, phase: string, ms: number | null): void {
  if (normalized !== t.normalized && normalized > t.normalized) t.normalized = normalized;
  t.calls++;
  if (phase === 'error') t.errors++;
  if (ms === null) return;
  const us = durationUs(ms);
  t.timed++;
  t.totalUs += us;
  if (t.maxMs === null || ms > t.maxMs) t.maxMs = ms;
  addDuration(t.durations, us);
}

export function mergeTotals(into: StatementTotals, from: StatementTotals): void {
  if (from.normalized > into.normalized) into.normalized = from.normalized;
  into.calls += from.calls;
  into.timed += from.timed;
  into.totalUs += from.totalUs;
  if (from.maxMs !== null && (into.maxMs === null || from.maxMs > into.maxMs)) into.maxMs = from.maxMs;
  into.errors += from.errors;
  mergeHistogram(into.durations, from.durations);
}
