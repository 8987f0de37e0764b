/**
 * From abnormal buckets to incident windows. Each signal's nearby abnormal
 * buckets make a candidate window spanning that signal's own events; then:
 *  1. primary windows (lock waits, deadlocks, refusals, timeouts) and crashes
 *     merge when they overlap or are less than MAX_MERGE_GAP_MS (or a bucket) apart, widening;
 *  2. statement-time windows join a window with lock waits without moving its
 *     edges, and otherwise count as primary;
 *  3. error/fatal bursts join an overlapping window without moving its edges,
 *     and otherwise are windows of their own.
 * So a pile-up starts when its first waiter started waiting, not at a
 * background error that shared its first bucket.
 */
import type { Store } from '../../store/open-store.js';
import { bucketStartMs, type BucketFrame } from '../timeline/bucket-frame.js';
import type { WaitEpisode } from '../timeline/wait-episodes.js';
import { groupHits, type Hit } from './abnormal-buckets.js';
import type { CrashSequence } from './crash-sequences.js';
import { signalSpan, type Span } from './event-span.js';
import { SIGNALS, SIGNAL_INFO } from './signals.js';
import { clampMs } from '../../util/iso-from-ms.js';

export interface Window extends Span {
  hits: Hit[];
}

/**
 * Windows of different signals closer than this are one incident. Not a whole
 * bucket: with 10 s buckets, a deadlock storm and a pile-up 6 s later are two
 * incidents (each signal's own abnormal buckets were already grouped allowing
 * a quiet bucket between them).
 */
const MAX_MERGE_GAP_MS = 2000;

const overlaps = (a: Span, b: Span) => a.startMs <= b.endMs && b.startMs <= a.endMs;
const hasLockWaits = (w: Window) => w.hits.some((h) => h.signal === 'lock_wait_s');

/** Windows closer than `gapMs` become one, spanning both. */
function mergeWindows(windows: readonly Window[], gapMs: number): Window[] {
  const merged: Window[] = [];
  for (const w of [...windows].sort((a, b) => a.startMs - b.startMs)) {
    const last = merged.at(-1);
    if (last !== undefined && w.startMs <= last.endMs + gapMs) {
      last.endMs = Math.max(last.endMs, w.endMs);
      last.hits.push(...w.hits);
    } else merged.push({ ...w, hits: [...w.hits] });
  }
  return merged;
}

/** Adds `w`'s hits to the first window it overlaps that `accepts`; false when there is none. */
function absorb(into: Window[], w: Window, accepts: (host: Window) => boolean): boolean {
  const host = into.find((h) => accepts(h) && overlaps(h, w));
  if (host !== undefined) host.hits.push(...w.hits);
  return host !== undefined;
}

export function assembleWindows(
  db: Store, frame: BucketFrame, episodes: readonly WaitEpisode[], hits: readonly Hit[], crashes: readonly CrashSequence[],
): Window[] {
  const gapMs = Math.min(frame.size * 1000, MAX_MERGE_GAP_MS);
  const candidates = { primary: [] as Window[], statement: [] as Window[], generic: [] as Window[] };
  for (const signal of SIGNALS) {
    for (const run of groupHits(hits.filter((h) => h.signal === signal))) {
      const buckets = [...new Set(run.map((h) => h.bucket))];
      const span = signalSpan(db, frame, episodes, signal, buckets) ?? {
        startMs: bucketStartMs(frame, buckets[0]!), endMs: bucketStartMs(frame, buckets.at(-1)! + 1),
      };
      candidates[SIGNAL_INFO[signal].placement].push({ ...span, hits: run });
    }
  }
  let windows = mergeWindows([...candidates.primary, ...crashes.map((c) => ({ startMs: c.startMs, endMs: c.endMs, hits: [] }))], gapMs);
  const stalls = candidates.statement.filter((w) => !absorb(windows, w, hasLockWaits));
  windows = mergeWindows([...windows, ...stalls], gapMs);
  const bursts = mergeWindows(candidates.generic, gapMs).filter((w) => !absorb(windows, w, () => true));
  // A span reaches back by a duration read from the log: hostile text can put it before 1970 or after 9999.
  return [...windows, ...bursts].map((w) => ({ ...w, startMs: clampMs(w.startMs), endMs: clampMs(w.endMs) })).sort((a, b) => a.startMs - b.startMs);
}
