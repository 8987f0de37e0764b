/**
 * Lock-wait time per bucket: each episode's wait is split across the buckets it
 * spans, so a 40 s wait adds 10 s to each of four 10 s buckets rather than 40 s
 * to the one it started (or ended) in.
 */
import { bucketOf, bucketStartMs, type BucketFrame } from './bucket-frame.js';
import type { WaitEpisode } from './wait-episodes.js';

export interface WaitSpread {
  started: number[];
  ms: number[];
}

export function spreadWaits(frame: BucketFrame, episodes: readonly WaitEpisode[]): WaitSpread {
  const started = Array<number>(frame.count).fill(0);
  const ms = Array<number>(frame.count).fill(0);
  const frameStart = Date.parse(frame.from);
  const frameEnd = Date.parse(frame.to);
  for (const e of episodes) {
    if (e.startMs >= frameStart && e.startMs <= frameEnd) started[bucketOf(frame, e.startMs)]! += 1;
    const from = Math.max(e.startMs, frameStart);
    const to = Math.min(e.endMs, frameEnd);
    for (let b = bucketOf(frame, from); b < frame.count && from < to; b++) {
      const overlap = Math.min(to, bucketStartMs(frame, b + 1)) - Math.max(from, bucketStartMs(frame, b));
      if (overlap <= 0) break;
      ms[b]! += overlap;
    }
  }
  return { started, ms };
}
