/**
 * Statements in the window grouped by fingerprint, from the `statements` table
 * (absent in stores ingested before it existed: the screen says so). The p95 is
 * computed for the listed fingerprints only, with the fingerprint index.
 */
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';

export interface QueryStats {
  fingerprint: string;
  normalized: string;
  count: number;
  total_ms: number;
  mean_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  errors: number;
}

export const QUERY_SORTS = ['total_ms', 'count', 'mean_ms', 'p95_ms', 'max_ms', 'errors'] as const;
export type QuerySort = (typeof QUERY_SORTS)[number];

const LISTED = 200;

export function loadTopQueries(db: Store, window: TimeWindow): QueryStats[] | null {
  if (!hasTable(db, 'statements')) return null;
  const rows = db
    .prepare(
      `SELECT fingerprint, max(normalized) AS normalized, count(*) AS count, coalesce(sum(duration_ms), 0) AS total_ms,
              avg(duration_ms) AS mean_ms, max(duration_ms) AS max_ms,
              sum(CASE WHEN phase = 'error' OR sqlstate IS NOT NULL THEN 1 ELSE 0 END) AS errors
         FROM statements
        WHERE fingerprint IS NOT NULL AND ts >= @from AND ts <= @to
        GROUP BY fingerprint ORDER BY total_ms DESC, count DESC LIMIT ${LISTED}`,
    )
    .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as Array<Omit<QueryStats, 'p95_ms'>>;
  const durations = db.prepare(
    `SELECT duration_ms FROM statements WHERE fingerprint = @fp AND duration_ms IS NOT NULL AND ts >= @from AND ts <= @to ORDER BY duration_ms`,
  ).pluck();
  return rows.map((r) => {
    const d = durations.all({ fp: r.fingerprint, from: window.from ?? '', to: window.to ?? '\uffff' }) as number[];
    const p95 = d.length === 0 ? null : d[Math.min(d.length - 1, Math.ceil(d.length * 0.95) - 1)]!;
    return { ...r, p95_ms: p95 };
  });
}

export function sortQueries(rows: readonly QueryStats[], by: QuerySort): QueryStats[] {
  return [...rows].sort((a, b) => (b[by] ?? -1) - (a[by] ?? -1));
}
