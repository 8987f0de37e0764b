/**
 * Where an abnormal stretch really starts and ends: not at bucket edges but at
 * its events. Lock waits count from when the first waiter started waiting
 * (`lock_waits.start_ts`) to when the last one stopped; statements from when
 * the first long one started (its end minus its duration); point events
 * (refusals, errors) at their own time, deadlocks and timeouts from the start
 * of the waits they ended.
 */
import type { Store } from '../../store/open-store.js';
import { bucketOf, bucketStartMs, type BucketFrame } from '../timeline/bucket-frame.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { kindsCountedAs, type Gauge } from '../timeline/gauges.js';
import type { WaitEpisode } from '../timeline/wait-episodes.js';
import type { Signal } from './signals.js';

export interface Span {
  startMs: number;
  endMs: number;
}

/** A statement this long is one of a stall's victims rather than ordinary traffic. */
export const LONG_STATEMENT_MS = 1000;

/** A wait whose end is logged this close before an event was ended by it (the ERROR follows the wait's last line). */
const ENDED_BY_MS = 10;

const kindsOf = (gauge: Gauge): string => kindsCountedAs(gauge).map((k) => `'${k}'`).join(', ');

/** Which entries are the events of a point signal. */
export const POINT_EVENT_SQL: Record<Exclude<Signal, 'lock_wait_s' | 'statement_s'>, string> = {
  deadlocks: `kind IN (${kindsOf('deadlocks')})`,
  connections_refused: `kind IN (${kindsOf('connections_refused')})`,
  timeouts: `kind IN (${kindsOf('timeouts')})`,
  errors: `severity = 'ERROR'`,
  fatals: `severity IN ('FATAL', 'PANIC')`,
};

function widen(span: Span | null, startMs: number, endMs: number): Span {
  return span === null ? { startMs, endMs } : { startMs: Math.min(span.startMs, startMs), endMs: Math.max(span.endMs, endMs) };
}

/** Entries of bucket [@a, @b) inside the frame [@from, @to]. */
const IN_BUCKET_SQL = `ts >= @a AND ts < @b AND ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL}`;

function bucketRange(frame: BucketFrame, bucket: number) {
  return {
    a: new Date(bucketStartMs(frame, bucket)).toISOString(),
    b: new Date(bucketStartMs(frame, bucket + 1)).toISOString(),
    from: frame.from,
    to: frame.to,
  };
}

/** Episodes going on in any of the buckets. */
function lockSpan(frame: BucketFrame, episodes: readonly WaitEpisode[], buckets: readonly number[]): Span | null {
  const hit = new Set(buckets);
  let span: Span | null = null;
  for (const e of episodes) {
    // The buckets an episode spans: [first, last], the last excluded when the wait ends right at its edge.
    const first = bucketOf(frame, e.startMs);
    const last = Math.max(first, bucketOf(frame, e.endMs - 1));
    for (let b = first; b <= last; b++) {
      if (hit.has(b)) {
        span = widen(span, e.startMs, e.endMs);
        break;
      }
    }
  }
  return span;
}

/** Statements of at least LONG_STATEMENT_MS that ended in the buckets, from when each started. */
function statementSpan(db: Store, frame: BucketFrame, buckets: readonly number[]): Span | null {
  const stmt = db.prepare(
    `SELECT ts, ms FROM (SELECT ts, CAST(substr(message, 11) AS REAL) AS ms FROM entries WHERE ${IN_BUCKET_SQL} AND kind = 'duration')
      WHERE ms >= ${LONG_STATEMENT_MS}`,
  );
  let span: Span | null = null;
  for (const b of buckets) {
    for (const r of stmt.iterate(bucketRange(frame, b)) as IterableIterator<{ ts: string; ms: number }>) {
      const end = Date.parse(r.ts);
      span = widen(span, end - r.ms, end);
    }
  }
  return span;
}

/** Index of the first element of the sorted `xs` that is ≥ x. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Deadlocks and timeouts end lock waits: the victim's, a lock_timeout's. The
 * waits going on at that instant are the ones involved (a deadlock's survivors
 * too), so the trouble began when the first of them began waiting.
 */
function endedWaitsSpan(db: Store, frame: BucketFrame, episodes: readonly WaitEpisode[], signal: 'deadlocks' | 'timeouts', buckets: readonly number[]): Span | null {
  const stmt = db.prepare(`SELECT ts FROM entries WHERE ${IN_BUCKET_SQL} AND ${POINT_EVENT_SQL[signal]}`).pluck();
  const times = buckets.flatMap((b) => (stmt.all(bucketRange(frame, b)) as string[]).map((ts) => Date.parse(ts))).sort((a, b) => a - b);
  if (times.length === 0) return null;
  let span: Span | null = { startMs: times[0]!, endMs: times.at(-1)! };
  for (const e of episodes) {
    const i = lowerBound(times, e.startMs);
    if (i < times.length && times[i]! <= e.endMs + ENDED_BY_MS) span = widen(span, e.startMs, e.endMs);
  }
  return span;
}

/** First and last event in the buckets. */
function pointSpan(db: Store, frame: BucketFrame, signal: keyof typeof POINT_EVENT_SQL, buckets: readonly number[]): Span | null {
  const stmt = db.prepare(`SELECT min(ts) AS first, max(ts) AS last FROM entries WHERE ${IN_BUCKET_SQL} AND ${POINT_EVENT_SQL[signal]}`);
  let span: Span | null = null;
  for (const b of buckets) {
    const r = stmt.get(bucketRange(frame, b)) as { first: string | null; last: string | null };
    if (r.first !== null && r.last !== null) span = widen(span, Date.parse(r.first), Date.parse(r.last));
  }
  return span;
}

/** The span of one signal's events in `buckets`, or null if there are none. */
export function signalSpan(db: Store, frame: BucketFrame, episodes: readonly WaitEpisode[], signal: Signal, buckets: readonly number[]): Span | null {
  if (signal === 'lock_wait_s') return lockSpan(frame, episodes, buckets);
  if (signal === 'statement_s') return statementSpan(db, frame, buckets);
  if (signal === 'deadlocks' || signal === 'timeouts') return endedWaitsSpan(db, frame, episodes, signal, buckets);
  return pointSpan(db, frame, signal, buckets);
}
