/**
 * Where an abnormal stretch really starts and ends: not at bucket edges but at
 * its events. Lock waits count from when the first waiter started waiting
 * (`lock_waits.start_ts`) to when the last one stopped; statements from when
 * the first long one started (its end minus its duration); point events
 * (refusals, errors) at their own time, deadlocks and timeouts from the start
 * of the waits they ended.
 */
import type { Store } from '../../store/open-store.js';
import { bucketStartMs, NOT_MIRRORED_SQL, type BucketFrame } from '../timeline/bucket-frame.js';
import { KIND_GAUGES, type Gauge } from '../timeline/gauges.js';
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

const kindsOf = (gauge: Gauge): string => Object.entries(KIND_GAUGES).filter(([, g]) => g === gauge).map(([k]) => `'${k}'`).join(', ');

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

function bucketRange(frame: BucketFrame, bucket: number) {
  return {
    a: new Date(bucketStartMs(frame, bucket)).toISOString(),
    b: new Date(bucketStartMs(frame, bucket + 1)).toISOString(),
    from: frame.from,
    to: frame.to,
  };
}

/** The span of one signal's events in `buckets`, or null if there are none. */
export function signalSpan(db: Store, frame: BucketFrame, episodes: readonly WaitEpisode[], signal: Signal, buckets: number[]): Span | null {
  let span: Span | null = null;
  if (signal === 'lock_wait_s') {
    for (const e of episodes) {
      const overlaps = buckets.some((b) => e.startMs < bucketStartMs(frame, b + 1) && e.endMs > bucketStartMs(frame, b));
      if (overlaps) span = widen(span, e.startMs, e.endMs);
    }
    return span;
  }
  const where = `ts >= @a AND ts < @b AND ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL}`;
  if (signal === 'statement_s') {
    const stmt = db.prepare(
      `SELECT ts, CAST(substr(message, 11) AS REAL) AS ms FROM entries WHERE ${where} AND kind = 'duration' AND CAST(substr(message, 11) AS REAL) >= ${LONG_STATEMENT_MS}`,
    );
    for (const b of buckets) {
      for (const r of stmt.iterate(bucketRange(frame, b)) as IterableIterator<{ ts: string; ms: number }>) {
        const end = Date.parse(r.ts);
        span = widen(span, end - r.ms, end);
      }
    }
    return span;
  }
  if (signal === 'deadlocks' || signal === 'timeouts') {
    // These events end lock waits: the victim's, a lock_timeout's. The waits going on at
    // that instant are the ones involved (a deadlock's survivors too), so the trouble
    // began when the first of them began waiting.
    const stmt = db.prepare(`SELECT ts FROM entries WHERE ${where} AND ${POINT_EVENT_SQL[signal]}`).pluck();
    for (const b of buckets) {
      for (const ts of stmt.iterate(bucketRange(frame, b)) as IterableIterator<string>) {
        const t = Date.parse(ts);
        span = widen(span, t, t);
        for (const e of episodes) if (e.startMs <= t && e.endMs >= t - ENDED_BY_MS) span = widen(span, e.startMs, e.endMs);
      }
    }
    return span;
  }
  const stmt = db.prepare(`SELECT min(ts) AS first, max(ts) AS last FROM entries WHERE ${where} AND ${POINT_EVENT_SQL[signal]}`);
  for (const b of buckets) {
    const r = stmt.get(bucketRange(frame, b)) as { first: string | null; last: string | null };
    if (r.first !== null && r.last !== null) span = widen(span, Date.parse(r.first), Date.parse(r.last));
  }
  return span;
}
