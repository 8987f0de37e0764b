/**
 * Per-fingerprint totals for `statement_shapes`, kept in memory while rows are
 * written (a handful of shapes for millions of rows; a GROUP BY afterwards
 * would read the whole table again).
 *
 * One execution can be logged up to three ways at once: log_statement (no
 * time), log_min_duration_statement (time, only above the threshold) and
 * auto_explain (time and plan, above its own threshold). Counting rows would
 * count it twice, so each source is counted apart and `calls` is the largest.
 */
import type { StatementRowPhase } from './statement-entry.js';

interface Totals {
  normalized: string;
  parseOk: boolean;
  logged: number;
  timed: number;
  timedMs: number;
  timedMax: number;
  planned: number;
  plannedMs: number;
  plannedMax: number;
  errors: number;
  firstTs: string | null;
  lastTs: string | null;
}

export interface ShapeRow {
  fingerprint: string;
  normalized: string;
  parse_ok: number;
  calls: number;
  timed_calls: number;
  total_ms: number | null;
  mean_ms: number | null;
  max_ms: number | null;
  errors: number;
  first_ts: string | null;
  last_ts: string | null;
}

export interface ShapeTotals {
  add(fingerprint: string, normalized: string, parseOk: boolean, phase: StatementRowPhase, ms: number | null, ts: string | null): void;
  rows(): IterableIterator<ShapeRow>;
}

export function createShapeTotals(): ShapeTotals {
  const totals = new Map<string, Totals>();
  return {
    add(fingerprint, normalized, parseOk, phase, ms, ts) {
      let t = totals.get(fingerprint);
      if (t === undefined) {
        t = { normalized, parseOk, logged: 0, timed: 0, timedMs: 0, timedMax: 0, planned: 0, plannedMs: 0, plannedMax: 0, errors: 0, firstTs: ts, lastTs: ts };
        totals.set(fingerprint, t);
      }
      if (ts !== null) {
        t.firstTs ??= ts;
        t.lastTs = ts;
      }
      if (phase === 'error') t.errors++;
      else if (phase === 'plan' && ms !== null) {
        t.planned++;
        t.plannedMs += ms;
        if (ms > t.plannedMax) t.plannedMax = ms;
      } else if (phase === 'statement' || phase === 'execute' || phase === 'none') {
        // `none` only arrives here paired with the statement logged just before it (log_duration).
        if (ms === null) t.logged++;
        else {
          t.timed++;
          t.timedMs += ms;
          if (ms > t.timedMax) t.timedMax = ms;
        }
      }
    },
    *rows() {
      for (const [fingerprint, t] of totals) {
        // auto_explain's times stand in only when no duration line timed the shape.
        const [n, sum, max] = t.timed > 0 ? [t.timed, t.timedMs, t.timedMax] : [t.planned, t.plannedMs, t.plannedMax];
        yield {
          fingerprint,
          normalized: t.normalized,
          parse_ok: t.parseOk ? 1 : 0,
          calls: Math.max(t.logged, t.timed, t.planned),
          timed_calls: n,
          total_ms: n > 0 ? sum : null,
          mean_ms: n > 0 ? sum / n : null,
          max_ms: n > 0 ? max : null,
          errors: t.errors,
          first_ts: t.firstTs,
          last_ts: t.lastTs,
        };
      }
    },
  };
}
