/**
 * One fingerprint's figures on the top-queries screen, in a form that adds up over
 * any set of rows, minutes or hours, plus the duration histogram its p95 is read
 * from. Totals are kept in whole microseconds (the log's precision), so that sums
 * are exact whatever order they are taken in.
 *
 * Executions are counted as `statement_shapes` counts them (shape-totals.ts): one
 * execution can be logged up to three ways at once (log_statement without a time, a
 * duration line, an auto_explain plan), so each source is counted apart and the
 * executions are the largest count. Parse and bind lines are not executions, and
 * their times are not the statement's. The times are the duration lines'; an
 * auto_explain plan's time stands in only for a shape no duration line timed.
 */
import { addDuration, mergeHistogram, type DurationHistogram } from './duration-histogram.js';

export interface StatementTotals {
  /** The greatest normalized text among the rows, as max(normalized) picks it. */
  normalized: string;
  /** statement/execute rows without a time (log_statement). */
  logged: number;
  /** statement/execute rows with a time, and bare durations. */
  timed: number;
  totalUs: number;
  maxMs: number | null;
  /** Their times' histogram. */
  durations: DurationHistogram;
  /** auto_explain plans with a time. */
  planned: number;
  plannedUs: number;
  plannedMaxMs: number | null;
  errors: number;
}

export function emptyTotals(normalized: string): StatementTotals {
  return { normalized, logged: 0, timed: 0, totalUs: 0, maxMs: null, durations: new Map(), planned: 0, plannedUs: 0, plannedMaxMs: null, errors: 0 };
}

/** A duration in whole microseconds, as SQL's CAST(round(duration_ms * 1000) AS INTEGER) gives it. */
export const durationUs = (ms: number): number => Math.round(ms * 1000);

const larger = (a: number | null, b: number | null): number | null => (a === null ? b : b === null || a >= b ? a : b);

export function addStatement(t: StatementTotals, normalized: string, phase: string, ms: number | null): void {
  if (normalized !== t.normalized && normalized > t.normalized) t.normalized = normalized;
  if (phase === 'error') t.errors++;
  else if (phase === 'plan') {
    if (ms === null) return;
    t.planned++;
    t.plannedUs += durationUs(ms);
    t.plannedMaxMs = larger(t.plannedMaxMs, ms);
  } else if (phase === 'statement' || phase === 'execute' || phase === 'none') {
    if (ms === null) {
      t.logged++;
      return;
    }
    const us = durationUs(ms);
    t.timed++;
    t.totalUs += us;
    t.maxMs = larger(t.maxMs, ms);
    addDuration(t.durations, us);
  }
}

export function mergeTotals(into: StatementTotals, from: StatementTotals): void {
  if (from.normalized > into.normalized) into.normalized = from.normalized;
  into.logged += from.logged;
  into.timed += from.timed;
  into.totalUs += from.totalUs;
  into.maxMs = larger(into.maxMs, from.maxMs);
  mergeHistogram(into.durations, from.durations);
  into.planned += from.planned;
  into.plannedUs += from.plannedUs;
  into.plannedMaxMs = larger(into.plannedMaxMs, from.plannedMaxMs);
  into.errors += from.errors;
}

/** Executions: the largest count of any one source. */
export const executions = (t: StatementTotals): number => Math.max(t.logged, t.timed, t.planned);

/** The times shown: the duration lines', or the plans' when no duration line timed the shape. */
export function shownTimes(t: StatementTotals): { n: number; totalUs: number; maxMs: number | null; fromPlans: boolean } {
  return t.timed > 0 || t.planned === 0
    ? { n: t.timed, totalUs: t.totalUs, maxMs: t.maxMs, fromPlans: false }
    : { n: t.planned, totalUs: t.plannedUs, maxMs: t.plannedMaxMs, fromPlans: true };
}
