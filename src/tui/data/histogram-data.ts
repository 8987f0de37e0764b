/**
 * The home screen's data: per time bucket, entries by severity band and the
 * markers an investigator scans for (deadlocks, lock-wait time, refused
 * connections, slow statements): the timeline's own counts and lock-wait time
 * (from `time_buckets` when the store has it, so any zoom adds up a few thousand rows).
 */
import { bucketStartMs, loadFrame, type BucketFrame } from '../../analyze/timeline/bucket-frame.js';
import { countEntries } from '../../analyze/timeline/entry-counts.js';
import { loadWaitSpread } from '../../analyze/timeline/frame-waits.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';

export const BANDS = ['fatal', 'error', 'warning', 'log'] as const;
export type Band = (typeof BANDS)[number];

export interface HistogramBucket {
  start: string;
  end: string;
  counts: Record<Band, number>;
  total: number;
  deadlocks: number;
  lockWaitMs: number;
  refused: number;
  slow: number;
}

export interface Histogram {
  frame: BucketFrame | null;
  buckets: HistogramBucket[];
}

function emptyBucket(frame: BucketFrame, i: number): HistogramBucket {
  return {
    start: new Date(bucketStartMs(frame, i)).toISOString(),
    end: new Date(bucketStartMs(frame, i + 1)).toISOString(),
    counts: { fatal: 0, error: 0, warning: 0, log: 0 },
    total: 0, deadlocks: 0, lockWaitMs: 0, refused: 0, slow: 0,
  };
}

export function loadHistogram(db: Store, window: TimeWindow, bucketSeconds?: number): Histogram {
  const frame = loadFrame(db, window, bucketSeconds);
  if (frame === null) return { frame, buckets: [] };
  const counts = countEntries(db, frame).buckets;
  const waits = loadWaitSpread(db, frame);
  const buckets = counts.map((c, i): HistogramBucket => {
    const { fatals, errors, deadlocks, connections_refused, slow_statements } = c.gauges;
    return {
      ...emptyBucket(frame, i),
      counts: { fatal: fatals, error: errors, warning: c.warnings, log: c.entries - fatals - errors - c.warnings },
      total: c.entries, deadlocks, lockWaitMs: waits.ms[i] ?? 0, refused: connections_refused, slow: slow_statements,
    };
  });
  return { frame, buckets };
}

/** A bucket worth jumping to: far above the usual volume, or holding a deadlock or refusals. */
export function spikeIndexes(buckets: readonly HistogramBucket[]): number[] {
  const totals = buckets.map((b) => b.total);
  const mean = totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length);
  const sd = Math.sqrt(totals.reduce((a, t) => a + (t - mean) ** 2, 0) / Math.max(1, totals.length));
  const spikes: number[] = [];
  let previousHot = false;
  buckets.forEach((b, i) => {
    const hot = (b.total > mean + 2 * sd && b.total > 0) || b.deadlocks > 0 || b.refused > 0 || b.counts.fatal > 0;
    // A run of hot buckets is one spike: jump to where it starts.
    if (hot && !previousHot) spikes.push(i);
    previousHot = hot;
  });
  return spikes;
}
