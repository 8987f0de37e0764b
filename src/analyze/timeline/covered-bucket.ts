/**
 * The grain of a timeline, and of incident detection, over a log with gaps: files of
 * separate days (yesterday's rotated log beside today's) span days, but cover hours.
 */
import type { Store } from '../../store/open-store.js';
import { hasTable } from '../../store/has-table.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { chooseBucket } from './bucket-size.js';

/** A stretch without a single log line longer than this is time the log does not cover. */
const GAP_MINUTES = 60;

/** At most this many buckets over a gappy log's span: two weeks of 1-minute buckets, or a year of 30-minute ones. */
const MAX_BUCKETS = 20_160;

/**
 * The bucket width for `window` when none is asked for: the one chooseBucket() gives for
 * the time the log covers, its stretches without a line for over an hour left out.
 * Logs of separate days (a folder of rotated files, yesterday's and today's) would
 * otherwise be cut into half-hour buckets, and an incident of two minutes blurred with
 * the next one an hour later. Undefined (the span decides) for a log without such a
 * gap, or a store without per-second counts.
 */
export function coveredBucket(db: Store, window: TimeWindow): number | undefined {
  if (!hasTable(db, 'time_buckets')) return undefined;
  const lo = window.from === undefined ? -1 : Math.floor(Date.parse(window.from) / 1000);
  const hi = window.to === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(Date.parse(window.to) / 1000);
  // Found by the minute, then measured to the second, each stretch from its first and last second.
  const minutes = db
    .prepare('SELECT DISTINCT start_sec / 60 FROM time_buckets WHERE width = 1 AND start_sec >= ? AND start_sec <= ? ORDER BY 1')
    .pluck()
    .all(lo, hi) as number[];
  const stretches: Array<[number, number]> = [];
  for (const m of minutes) {
    const last = stretches.at(-1);
    if (last !== undefined && m - last[1] <= GAP_MINUTES) last[1] = m;
    else stretches.push([m, m]);
  }
  // Without a gap the span decides, as for the timeline.
  if (stretches.length < 2) return undefined;
  const ends = db.prepare('SELECT min(start_sec) AS first, max(start_sec) AS last FROM time_buckets WHERE width = 1 AND start_sec >= ? AND start_sec <= ?');
  let covered = 0;
  let start = Infinity;
  let end = -Infinity;
  for (const [first, last] of stretches) {
    const s = ends.get(Math.max(lo, first * 60), Math.min(hi, last * 60 + 59)) as { first: number; last: number };
    covered += s.last - s.first + 1;
    start = Math.min(start, s.first);
    end = Math.max(end, s.last);
  }
  // The buckets still cover the whole span, gaps included: a bound on how many.
  return Math.max(chooseBucket(covered), chooseBucket(end - start + 1, MAX_BUCKETS));
}
