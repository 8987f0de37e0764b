/**
 * Statements in the window grouped by fingerprint, from the `statements` table
 * (absent in stores ingested before it existed: the screen says so). The sums are
 * read from `statement_buckets` when the store has it (see statement-window-totals),
 * else from every statement of the window; either way they equal a GROUP BY over
 * the window's statements, executions counted as `statement_shapes` counts them
 * (statement-totals.ts). The p95 is approximate, from a duration histogram
 * (within 4.5 %, src/derive/statements/duration-histogram.ts): the screen shows it as ≈.
 */
import { quantileMs } from '../../derive/statements/duration-histogram.js';
import { executions, shownTimes, type StatementTotals } from '../../derive/statements/statement-totals.js';
import { hasColumn, hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { addBucketDurations, addRowTotals, bucketWindowTotals, type TotalsByFingerprint, type WindowTotals } from './statement-window-totals.js';

export interface QueryStats {
  fingerprint: string;
  normalized: string;
  count: number;
  total_ms: number;
  mean_ms: number | null;
  /** Approximate: see above. */
  p95_ms: number | null;
  max_ms: number | null;
  errors: number;
}

export const QUERY_SORTS = ['total_ms', 'count', 'mean_ms', 'p95_ms', 'max_ms', 'errors'] as const;
export type QuerySort = (typeof QUERY_SORTS)[number];

const LISTED = 200;

interface Ranked { fp: string; totals: StatementTotals; totalUs: number; calls: number }

/** Largest total first, then most executions, then by fingerprint (so that both ways list the same shapes). */
function byTotal(a: Ranked, b: Ranked): number {
  return b.totalUs - a.totalUs || b.calls - a.calls || (a.fp < b.fp ? -1 : a.fp > b.fp ? 1 : 0);
}

function stats(fingerprint: string, t: StatementTotals): QueryStats {
  const shown = shownTimes(t);
  return {
    fingerprint,
    normalized: t.normalized,
    count: executions(t),
    total_ms: shown.totalUs / 1000,
    mean_ms: shown.n === 0 ? null : shown.totalUs / shown.n / 1000,
    // The histogram holds the duration lines' times only: no p95 from plans.
    p95_ms: shown.fromPlans || shown.maxMs === null ? null : quantileMs(t.durations, 0.95, shown.maxMs),
    max_ms: shown.maxMs,
    errors: t.errors,
  };
}

export function loadTopQueries(db: Store, window: TimeWindow): QueryStats[] | null {
  if (!hasTable(db, 'statements')) return null;
  let found: WindowTotals;
  // A table from before executions were counted by source holds row counts: not used.
  if (hasColumn(db, 'statement_buckets', 'logged')) found = bucketWindowTotals(db, window);
  else {
    const totals: TotalsByFingerprint = new Map();
    addRowTotals(db, { ...(window.from === undefined ? {} : { lo: window.from }), ...(window.to === undefined ? {} : { hi: window.to }) }, totals);
    found = { totals, parts: [] };
  }
  const ranked = [...found.totals].map(([fp, totals]): Ranked => ({ fp, totals, totalUs: shownTimes(totals).totalUs, calls: executions(totals) }));
  const listed = ranked.sort(byTotal).slice(0, LISTED);
  addBucketDurations(db, found, listed.map((r) => r.fp));
  return listed.map((r) => stats(r.fp, r.totals));
}

export function sortQueries(rows: readonly QueryStats[], by: QuerySort): QueryStats[] {
  return [...rows].sort((a, b) => (b[by] ?? -1) - (a[by] ?? -1));
}
