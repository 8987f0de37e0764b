/**
 * The report's numbers and its histogram, without reading every entry of the window.
 *
 * The totals and the per-bucket figures come from the timeline's per-second table
 * (time_buckets, with the partial seconds at the window's edges read from the
 * entries: see entry-counts.ts), so they are the timeline's own gauges. The few kinds
 * counted one by one are read through the entries (kind, ts) index. Grouping the
 * window's entries by kind, by severity and by bucket took 22, 10 and 24 s on a
 * 10 M-entry store; this takes 2–4 s there, most of it reading the 860 k timeouts and
 * refusals that store holds.
 *
 * A store whose entries carry no time has no window: its entries are counted in one
 * pass, with the same definitions.
 */
import type Database from 'better-sqlite3';
import { BUCKET_SQL, bucketStartMs, frameFor, type BucketFrame } from '../analyze/timeline/bucket-frame.js';
import { countEntries } from '../analyze/timeline/entry-counts.js';
import { loadWaitSpread } from '../analyze/timeline/frame-waits.js';
import { countInGauges, GAUGES, zeroGauges, type Gauges } from '../analyze/timeline/gauges.js';
import type { Kind } from '../classify/index.js';
import { NOT_MIRRORED_SQL } from '../derive/mirror-files.js';
import type { Bucket, Counts } from './postmortem.js';
import { params, SLOT_REFUSAL_KINDS, windowEntries, type Window } from './store-queries.js';
import { NOT_LOG_SQL } from '../store/schema.js';

/** The kinds the counts name one by one (the others are gauges of the timeline). */
const COUNTED_KINDS = [
  ...SLOT_REFUSAL_KINDS, 'statement_timeout', 'lock_timeout', 'lock_not_available', 'idle_in_transaction_timeout', 'idle_session_timeout',
  'transaction_timeout', 'user_cancel', 'admin_terminated', 'server_crash',
] as const satisfies readonly Kind[];
type CountedKind = (typeof COUNTED_KINDS)[number];

/** What the counts are made of. `fatals` counts FATAL and PANIC, as the timeline's gauge does. */
interface Tally {
  entries: number;
  gauges: Gauges;
  panics: number;
  kinds: Record<CountedKind, number>;
}

function countsOf(t: Tally, waits: { n: number; s: number }): Counts {
  const k = (...names: CountedKind[]) => names.reduce((sum, n) => sum + t.kinds[n], 0);
  return {
    entries: t.entries,
    errors: t.gauges.errors,
    fatals: t.gauges.fatals - t.panics,
    panics: t.panics,
    deadlocks: t.gauges.deadlocks,
    lock_waits: waits.n,
    lock_wait_seconds: Math.round(waits.s * 10) / 10,
    statement_timeouts: k('statement_timeout'),
    lock_timeouts: k('lock_timeout', 'lock_not_available'),
    idle_timeouts: k('idle_in_transaction_timeout', 'idle_session_timeout', 'transaction_timeout'),
    canceled: k('user_cancel'),
    terminated: k('admin_terminated'),
    refused_connections: k(...SLOT_REFUSAL_KINDS),
    auth_failures: t.gauges.auth_failures,
    crashes: k('server_crash'),
    slow_statements: t.gauges.slow_statements,
  };
}

const noKinds = (): Record<CountedKind, number> => Object.fromEntries(COUNTED_KINDS.map((k) => [k, 0])) as Record<CountedKind, number>;

/**
 * The counted kinds and the PANICs in the frame, through the (kind, ts) and not-LOG
 * indexes, with the slot refusals of each bar.
 */
function indexedTally(db: Database.Database, frame: BucketFrame): Pick<Tally, 'kinds' | 'panics'> & { refused: number[] } {
  const { from, to } = frame;
  const kinds = noKinds();
  const refused = Array<number>(frame.count).fill(0);
  const rows = db
    .prepare(
      `SELECT kind, ${BUCKET_SQL} AS b, count(*) AS n FROM entries
        WHERE kind IN (${COUNTED_KINDS.map(() => '?').join(', ')}) AND ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL} GROUP BY kind, b`,
    )
    .all(...COUNTED_KINDS, { from, to, origin: frame.originSec, size: frame.size }) as Array<{ kind: CountedKind; b: number; n: number }>;
  for (const r of rows) {
    kinds[r.kind] += r.n;
    if ((SLOT_REFUSAL_KINDS as readonly string[]).includes(r.kind) && r.b >= 0 && r.b < frame.count) refused[r.b]! += r.n;
  }
  const panics = db
    .prepare(`SELECT count(*) FROM entries WHERE ${NOT_LOG_SQL} AND severity = 'PANIC' AND ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL}`)
    .pluck()
    .get({ from, to }) as number;
  return { kinds, panics, refused };
}

/** Every entry of the window in one pass: for a store without times. */
function scannedTally(db: Database.Database, w: Window): Tally {
  const t: Tally = { entries: 0, gauges: zeroGauges(), panics: 0, kinds: noKinds() };
  const entries = windowEntries(w);
  const rows = db.prepare(`SELECT kind, severity, count(*) AS n FROM ${entries.sql} GROUP BY kind, severity`).all(entries.params) as Array<{ kind: Kind | null; severity: string; n: number }>;
  for (const r of rows) {
    t.entries += r.n;
    countInGauges(t.gauges, r.severity, r.kind, r.n);
    if (r.severity === 'PANIC') t.panics += r.n;
    if (r.kind !== null && (COUNTED_KINDS as readonly string[]).includes(r.kind)) t.kinds[r.kind as CountedKind] += r.n;
  }
  return t;
}

/** How wide the histogram's bars are: at most 60 of them. */
function barSeconds(from: string, to: string): number {
  const span = Math.max((Date.parse(to) - Date.parse(from)) / 1000, 1);
  const choices = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400];
  // Past 60 days, whole days: a log can span centuries when a line's date is broken or hostile.
  return choices.find((s) => span / s <= 60) ?? Math.ceil(span / 60 / 86400) * 86400;
}

export interface WindowCounts {
  counts: Counts;
  histogram: Bucket[];
  bucket_seconds: number;
}

export function windowCounts(db: Database.Database, w: Window): WindowCounts {
  const waits = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(wait_ms), 0) / 1000.0 AS s FROM lock_waits
        WHERE (@to IS NULL OR start_ts <= @to) AND (@from IS NULL OR coalesce(end_ts, start_ts) >= @from)`,
    )
    .get(params(w)) as { n: number; s: number };
  if (w.from === null || w.to === null) return { counts: countsOf(scannedTally(db, w), waits), histogram: [], bucket_seconds: 60 };
  const seconds = barSeconds(w.from, w.to);
  const frame = frameFor(w.from, w.to, seconds);
  const bars = countEntries(db, frame).buckets;
  const gauges = zeroGauges();
  let entries = 0;
  for (const b of bars) {
    entries += b.entries;
    for (const g of GAUGES) gauges[g] += b.gauges[g];
  }
  const { refused, ...indexed } = indexedTally(db, frame);
  const waitMs = loadWaitSpread(db, frame).ms;
  const histogram: Bucket[] = bars.map((b, i) => ({
    start: new Date(bucketStartMs(frame, i)).toISOString(),
    errors: b.gauges.errors + b.gauges.fatals,
    lock_wait_seconds: Math.round(waitMs[i]! / 100) / 10,
    connections: b.gauges.connections_opened,
    refused: refused[i]!,
    deadlocks: b.gauges.deadlocks,
  }));
  return { counts: countsOf({ entries, gauges, ...indexed }, waits), histogram, bucket_seconds: seconds };
}
