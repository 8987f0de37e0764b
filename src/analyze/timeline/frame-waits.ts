/**
 * Lock waits started and lock-wait time per bucket of a frame: spreadWaits over
 * the episodes, or, when the store has `time_buckets`, the per-second sums for
 * the frame's whole seconds plus the episodes of its two partial edge seconds
 * spread exactly as spreadWaits would (found from that second's `wait_from_ms`
 * with the `lock_waits (start_ts)` index). The same figures either way.
 */
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import { bucketOf, type BucketFrame } from './bucket-frame.js';
import { countColumn, sumTableRows, waitFromMs } from './bucket-table.js';
import { spreadWaits, type WaitSpread } from './spread-waits.js';
import { loadWaitEpisodes } from './wait-episodes.js';

const STARTED = countColumn('lock_waits_started');
const WAIT_MS = countColumn('lock_wait_ms');
const iso = (ms: number) => new Date(ms).toISOString();

/** Adds the episodes' part inside [a, b) (started: [a, b], when `closed`) of one second. */
function addEdge(db: Store, frame: BucketFrame, spread: WaitSpread, a: number, b: number, closed: boolean): void {
  const since = Math.min(a, waitFromMs(db, Math.floor(a / 1000)) ?? a);
  const rows = db
    .prepare(
      `SELECT start_ts, coalesce(end_ts, reported_ts) AS end_ts FROM lock_waits
        WHERE start_ts IS NOT NULL AND start_ts >= @since AND start_ts <= @b`,
    )
    .raw(true)
    .all({ since: iso(since), b: iso(b) }) as Array<[string, string | null]>;
  const bucket = bucketOf(frame, a);
  for (const [startTs, endTs] of rows) {
    const startMs = Date.parse(startTs);
    const endMs = endTs === null ? startMs : Math.max(startMs, Date.parse(endTs));
    if (startMs >= a && (startMs < b || (closed && startMs === b))) spread.started[bucket]! += 1;
    const overlap = Math.min(endMs, b) - Math.max(startMs, a);
    if (overlap > 0) spread.ms[bucket]! += overlap;
  }
}

export function loadWaitSpread(db: Store, frame: BucketFrame): WaitSpread {
  const fromMs = Date.parse(frame.from);
  const toMs = Date.parse(frame.to);
  const lo = Math.ceil(fromMs / 1000);
  const hi = Math.floor(toMs / 1000);
  if (!hasTable(db, 'time_buckets') || !hasTable(db, 'lock_waits') || lo >= hi) {
    return spreadWaits(frame, loadWaitEpisodes(db, frame.from, frame.to));
  }
  const spread: WaitSpread = { started: Array<number>(frame.count).fill(0), ms: Array<number>(frame.count).fill(0) };
  for (const [b, v] of sumTableRows(db, frame, lo, hi)) {
    if (b < 0 || b >= frame.count) continue;
    spread.started[b]! += v[STARTED]!;
    spread.ms[b]! += v[WAIT_MS]!;
  }
  if (fromMs < lo * 1000) addEdge(db, frame, spread, fromMs, lo * 1000, false);
  addEdge(db, frame, spread, hi * 1000, toMs, true);
  return spread;
}
