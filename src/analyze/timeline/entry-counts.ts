/**
 * One pass over the entries in the frame, grouped by bucket, family, kind and
 * severity in SQL (a few hundred rows back, whatever the store's size), then
 * folded into family counts and gauges.
 */
import { FAMILIES, type Family, type Kind } from '../../classify/index.js';
import type { Store } from '../../store/open-store.js';
import { BUCKET_SQL, NOT_MIRRORED_SQL, type BucketFrame } from './bucket-frame.js';
import { KIND_GAUGES, OPENED_KINDS, zeroGauges, type Gauges } from './gauges.js';

export interface BucketCounts {
  entries: number;
  families: Record<Family, number>;
  gauges: Gauges;
}

export function emptyCounts(): BucketCounts {
  return { entries: 0, families: Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>, gauges: zeroGauges() };
}

interface Row {
  b: number;
  family: Family | null;
  kind: Kind | null;
  severity: string;
  n: number;
  /** Sum of the `duration: N ms` figures ('duration: ' is 10 characters; CAST reads the number that follows). */
  ms: number | null;
}

export interface EntryCounts {
  buckets: BucketCounts[];
  /** Which connection line counted as a connection being opened. */
  openedKind: (typeof OPENED_KINDS)[number];
}

export function countEntries(db: Store, frame: BucketFrame): EntryCounts {
  const rows = db
    .prepare(
      `SELECT ${BUCKET_SQL} AS b, family, kind, severity, count(*) AS n,
              sum(CASE WHEN kind = 'duration' THEN CAST(substr(message, 11) AS REAL) END) AS ms
         FROM entries
        WHERE ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL}
        GROUP BY b, family, kind, severity`,
    )
    .all({ from: frame.from, to: frame.to, origin: frame.originSec, size: frame.size }) as Row[];
  const buckets = Array.from({ length: frame.count }, emptyCounts);
  const opened = { connection_received: Array<number>(frame.count).fill(0), connection_authorized: Array<number>(frame.count).fill(0) };
  for (const r of rows) {
    const c = buckets[r.b];
    if (c === undefined) continue;
    c.entries += r.n;
    c.families[r.family ?? 'other'] += r.n;
    if (r.severity === 'ERROR') c.gauges.errors += r.n;
    else if (r.severity === 'FATAL' || r.severity === 'PANIC') c.gauges.fatals += r.n;
    const gauge = r.kind === null ? undefined : KIND_GAUGES[r.kind];
    if (gauge !== undefined) c.gauges[gauge] += r.n;
    if (r.kind === 'duration') c.gauges.slow_statement_ms += r.ms ?? 0;
    if (r.kind === 'connection_received' || r.kind === 'connection_authorized') opened[r.kind][r.b]! += r.n;
  }
  const openedKind = opened.connection_received.some((n) => n > 0) ? 'connection_received' : 'connection_authorized';
  buckets.forEach((c, i) => (c.gauges.connections_opened = opened[openedKind][i]!));
  return { buckets, openedKind };
}
