/**
 * Statements in the window grouped by fingerprint, from the `statements` table
 * (absent in stores ingested before it existed: the screen says so). The sums are
 * read from `statement_buckets` when the store has it (see statement-window-totals),
 * else from every statement of the window; either way they equal a GROUP BY over
 * the window's statements. The p95 is approximate, from a duration histogram
 * (within 4.5 %, src/derive/statements/duration-histogram.ts): the screen shows it as ≈.
 */
import { quantileMs } from '../../derive/statements/duration-histogram.js';
import type { StatementTotals } from '../../derive/statements/statement-totals.js';
import { hasTable } from '../../store/has-table.js';
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

/** Largest total first, then most rows, then by fingerprint (so that both ways list the same shapes). */
function byTotal([fa, a]: [string, StatementTotals], [fb, b]: [string, StatementTotals]): number {
  return b.totalUs - a.totalUs || b.calls - a.calls || (fa < fb ? -1 : fa > fb ? 1 : 0);
}

function stats(fingerprint: string, t: StatementTotals): QueryStats {
  return {
    fingerprint,
    normalized: t.normalized,
    count: t.calls,
    total_ms: t.totalUs / 1000,
    mean_ms: t.timed === 0 ? null : t.totalUs / t.timed / 1000,
    p95_ms: t.maxMs === null ? null : quantileMs(t.durations, 0.95, t.maxMs),
    max_ms: t.maxMs,
    errors: t.errors,
  };
}

export function loadTopQueries(db: Store, window: TimeWindow): QueryStats[] | null {
  if (!hasTable(db, 'statements')) return null;
  let found: WindowTotals;
  if (hasTable(db, 'statement_buckets')) found = bucketWindowTotals(db, window);
  else {
    const totals: TotalsByFingerprint = new Map();
    addRowTotals(db, { ...(window.from === undefined ? {} : { lo: window.from }), ...(window.to === undefined ? {} : { hi: window.to }) }, totals);
    found = { totals, parts: [] };
  }
  const listed = [...found.totals].sort(byTotal).slice(0, LISTED);
  addBucketDurations(db, found, listed.map(([fp]) => fp));
  return listed.map(([fp, t]) => stats(fp, t));
}

export function sortQueries(rows: readonly QueryStats[], by: QuerySort): QueryStats[] {
  return [...rows].sort((a, b) => (b[by] ?? -1) - (a[by] ?? -1));
}
