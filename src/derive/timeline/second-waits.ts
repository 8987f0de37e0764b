/**
 * Lock-wait time per second: each `lock_waits` episode split over the seconds it
 * spans, as spreadWaits (src/analyze/timeline) splits it over buckets, so that a
 * bucket's lock-wait time is the sum of its seconds'. `wait_from_ms` keeps, per
 * second, when the earliest episode going on in it started: a reader that needs
 * the episodes of one second exactly (a window edge) finds them from there with
 * the `start_ts` index instead of scanning every wait.
 */
import type Database from 'better-sqlite3';
import { isoMs } from '../iso-time.js';

export interface SecondWaits {
  started: number;
  ms: number;
  fromMs: number | null;
}

export function spreadWaitsBySecond(db: Database.Database): Map<number, SecondWaits> {
  const seconds = new Map<number, SecondWaits>();
  const at = (sec: number): SecondWaits => {
    let s = seconds.get(sec);
    if (s === undefined) seconds.set(sec, (s = { started: 0, ms: 0, fromMs: null }));
    return s;
  };
  const rows = db
    .prepare(`SELECT start_ts, coalesce(end_ts, reported_ts) FROM lock_waits WHERE start_ts IS NOT NULL`)
    .raw(true)
    .iterate() as IterableIterator<[string, string | null]>;
  for (const [startTs, endTs] of rows) {
    // As loadWaitEpisodes reads an episode: no end known → a point at its start.
    const startMs = isoMs(startTs);
    const endMs = endTs === null ? startMs : Math.max(startMs, isoMs(endTs));
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) continue;
    const first = at(Math.floor(startMs / 1000));
    first.started += 1;
    first.fromMs = first.fromMs === null ? startMs : Math.min(first.fromMs, startMs);
    for (let sec = Math.floor(startMs / 1000); sec * 1000 < endMs; sec++) {
      const s = at(sec);
      s.ms += Math.min(endMs, sec * 1000 + 1000) - Math.max(startMs, sec * 1000);
      s.fromMs = s.fromMs === null ? startMs : Math.min(s.fromMs, startMs);
    }
  }
  return seconds;
}
