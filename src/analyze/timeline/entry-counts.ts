/**
 * Entries per bucket, by family, and the gauges. From `time_buckets` when the store
 * has it (a few thousand rows whatever the store's size), with the partial seconds
 * at the frame's edges read from `entries`; otherwise one pass over the entries in
 * the frame, grouped by bucket, family, kind and severity in SQL. Both fold into the
 * same counts.
 */
import { FAMILIES, type Family, type Kind } from '../../classify/index.js';
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import { BUCKET_SQL, type BucketFrame } from './bucket-frame.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { COUNT_COLUMNS, countColumn, sumTableRows, wholeSeconds } from './bucket-table.js';
import { countInGauges, KIND_GAUGES, OPENED_KINDS, zeroGauges, type Gauge, type Gauges } from './gauges.js';

export interface BucketCounts {
  entries: number;
  /** WARNING entries (errors and fatals are gauges). */
  warnings: number;
  families: Record<Family, number>;
  gauges: Gauges;
}

export function emptyCounts(): BucketCounts {
  return { entries: 0, warnings: 0, families: Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>, gauges: zeroGauges() };
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

type Opened = Record<(typeof OPENED_KINDS)[number], number[]>;

interface Range { lo: string; hi: string; open?: boolean }

/**
 * The SQL way, for the entries in [lo, hi] (or [lo, hi) when `open`). Two bounds
 * only, so that SQLite walks the `entries (ts)` index over just that range.
 */
function addEntryRows(db: Store, frame: BucketFrame, range: Range, buckets: BucketCounts[], opened: Opened): void {
  const rows = db
    .prepare(
      `SELECT ${BUCKET_SQL} AS b, family, kind, severity, count(*) AS n,
              sum(CASE WHEN kind = 'duration' THEN CAST(substr(message, 11) AS REAL) END) AS ms
         FROM entries
        WHERE ts >= @lo AND ts ${range.open === true ? '<' : '<='} @hi AND ${NOT_MIRRORED_SQL}
        GROUP BY b, family, kind, severity`,
    )
    .all({ lo: range.lo, hi: range.hi, origin: frame.originSec, size: frame.size }) as Row[];
  for (const r of rows) {
    const c = buckets[r.b];
    if (c === undefined) continue;
    c.entries += r.n;
    c.families[r.family ?? 'other'] += r.n;
    countInGauges(c.gauges, r.severity, r.kind, r.n);
    if (r.severity === 'WARNING') c.warnings += r.n;
    if (r.kind === 'duration') c.gauges.slow_statement_ms += r.ms ?? 0;
    if (r.kind === 'connection_received' || r.kind === 'connection_authorized') opened[r.kind][r.b]! += r.n;
  }
}

const KIND_GAUGE_NAMES = [...new Set(Object.values(KIND_GAUGES))] as Gauge[];
const AT = {
  entries: countColumn('entries'), warnings: countColumn('warnings'), errors: countColumn('errors'), fatals: countColumn('fatals'),
  slowUs: countColumn('slow_statement_us'), received: countColumn('connections_received'), authorized: countColumn('connections_authorized'),
  families: FAMILIES.map((f) => [f, countColumn(`family_${f}`)] as const),
  gauges: KIND_GAUGE_NAMES.map((g) => [g, countColumn(g)] as const),
};

/** The whole seconds from `time_buckets`. */
function addTableRows(db: Store, frame: BucketFrame, lo: number, hi: number, buckets: BucketCounts[], opened: Opened): void {
  for (const [b, v] of sumTableRows(db, frame, lo, hi)) {
    const c = buckets[b];
    if (c === undefined || v.length !== COUNT_COLUMNS.length) continue;
    c.entries += v[AT.entries]!;
    c.warnings += v[AT.warnings]!;
    c.gauges.errors += v[AT.errors]!;
    c.gauges.fatals += v[AT.fatals]!;
    for (const [f, i] of AT.families) c.families[f] += v[i]!;
    for (const [g, i] of AT.gauges) c.gauges[g] += v[i]!;
    c.gauges.slow_statement_ms += v[AT.slowUs]! / 1000;
    opened.connection_received[b]! += v[AT.received]!;
    opened.connection_authorized[b]! += v[AT.authorized]!;
  }
}

export function countEntries(db: Store, frame: BucketFrame): EntryCounts {
  const buckets = Array.from({ length: frame.count }, emptyCounts);
  const opened: Opened = { connection_received: Array<number>(frame.count).fill(0), connection_authorized: Array<number>(frame.count).fill(0) };
  const whole = hasTable(db, 'time_buckets') ? wholeSeconds(frame) : null;
  if (whole === null) addEntryRows(db, frame, { lo: frame.from, hi: frame.to }, buckets, opened);
  else {
    // The whole seconds lie inside the frame, so each edge needs one bound of its own only.
    addTableRows(db, frame, whole.lo, whole.hi, buckets, opened);
    addEntryRows(db, frame, { lo: frame.from, hi: new Date(whole.lo * 1000).toISOString(), open: true }, buckets, opened);
    addEntryRows(db, frame, { lo: new Date(whole.hi * 1000).toISOString(), hi: frame.to }, buckets, opened);
  }
  const openedKind = opened.connection_received.some((n) => n > 0) ? 'connection_received' : 'connection_authorized';
  buckets.forEach((c, i) => (c.gauges.connections_opened = opened[openedKind][i]!));
  return { buckets, openedKind };
}
