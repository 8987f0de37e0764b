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

/** No real wait lasts this long (115 days): such a span comes from hostile or broken text, and is not spread. */
const MAX_SPREAD_SECONDS = 10_000_000;

/**
 * Per second, within the log's time span: seconds outside it are in no bucket anyway,
 * and a wait reported as years long (its `after N ms` read from the log's text) must not
 * make millions of them.
 */
export function spreadWaitsBySecond(db: Database.Database): Map<number, SecondWaits> {
  const span = db.prepare('SELECT min(ts) AS first, max(ts) AS last FROM entries WHERE ts IS NOT NULL').get() as { first: string | null; last: string | null };
  if (span.first === null || span.last === null) return new Map();
  const logFirstSec = Math.floor(isoMs(span.first) / 1000);
  const logEndMs = (Math.floor(isoMs(span.last) / 1000) + 1) * 1000;
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
    const fromSec = Math.max(Math.floor(startMs / 1000), logFirstSec);
    const toMs = Math.min(endMs, logEndMs);
    if (toMs / 1000 - fromSec > MAX_SPREAD_SECONDS) continue;
    for (let sec = fromSec; sec * 1000 < toMs; sec++) {
      const s = at(sec);
      s.ms += Math.min(endMs, sec * 1000 + 1000) - Math.max(startMs, sec * 1000);
      s.fromMs = s.fromMs === null ? startMs : Math.min(s.fromMs, startMs);
    }
  }
  return seconds;
}
