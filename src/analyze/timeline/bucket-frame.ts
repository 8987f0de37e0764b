/**
 * The row grid of a timeline: which time range, cut into which buckets. Bucket i
 * covers [origin + i·size, origin + (i+1)·size) seconds since the epoch; SQL
 * finds an entry's bucket from its whole seconds, exactly as bucketOf() does here.
 */
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { chooseBucket } from './bucket-size.js';

export interface BucketFrame {
  /** First and last instant looked at (the window given, else the log's first and last entry). */
  from: string;
  to: string;
  size: number;
  originSec: number;
  count: number;
}

export function bucketOf(frame: BucketFrame, ms: number): number {
  return Math.floor((Math.floor(ms / 1000) - frame.originSec) / frame.size);
}

export function bucketStartMs(frame: BucketFrame, i: number): number {
  return (frame.originSec + i * frame.size) * 1000;
}

/**
 * SQL for an entry's bucket index, with @origin and @size bound. The casts keep
 * the division integral: better-sqlite3 may bind a JS number as a REAL.
 */
export const BUCKET_SQL = `((CAST(strftime('%s', ts) AS INTEGER) - CAST(@origin AS INTEGER)) / CAST(@size AS INTEGER))`;


export function frameFor(from: string, to: string, size: number): BucketFrame {
  const originSec = Math.floor(Math.floor(Date.parse(from) / 1000) / size) * size;
  const frame: BucketFrame = { from, to, size, originSec, count: 0 };
  frame.count = bucketOf(frame, Date.parse(to)) + 1;
  return frame;
}

/** The frame for the store's entries in `window`, or null when it holds no timed entry there. */
export function loadFrame(db: Store, window: TimeWindow, bucketSeconds?: number): BucketFrame | null {
  // Plain range bounds (no `@x IS NULL OR …`) let SQLite answer min/max from the ts index.
  const bounds = { lo: window.from ?? '', hi: window.to ?? '\uffff' };
  const span = db
    .prepare(`SELECT (SELECT min(ts) FROM entries WHERE ts >= @lo AND ts <= @hi) AS first,
                     (SELECT max(ts) FROM entries WHERE ts >= @lo AND ts <= @hi) AS last`)
    .get(bounds) as { first: string | null; last: string | null };
  if (span.first === null || span.last === null) return null;
  const from = window.from ?? span.first;
  const to = window.to ?? span.last;
  const size = bucketSeconds ?? chooseBucket((Date.parse(to) - Date.parse(from)) / 1000);
  return frameFor(from, to, size);
}
