/**
 * The home screen's data: per time bucket, entries by severity band and the
 * markers an investigator scans for (deadlocks, lock-wait time, refused
 * connections, slow statements). One GROUP BY over the window, plus the lock-wait
 * episodes spread over the buckets they span (the timeline's own code).
 */
import type { Kind } from '../../classify/index.js';
import { BUCKET_SQL, NOT_MIRRORED_SQL, bucketStartMs, loadFrame, type BucketFrame } from '../../analyze/timeline/bucket-frame.js';
import { KIND_GAUGES } from '../../analyze/timeline/gauges.js';
import { spreadWaits } from '../../analyze/timeline/spread-waits.js';
import { loadWaitEpisodes } from '../../analyze/timeline/wait-episodes.js';
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

export function bandOf(severity: string): Band {
  if (severity === 'PANIC' || severity === 'FATAL') return 'fatal';
  if (severity === 'ERROR') return 'error';
  if (severity === 'WARNING') return 'warning';
  return 'log';
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
  const buckets = Array.from({ length: frame.count }, (_, i) => emptyBucket(frame, i));
  const rows = db
    .prepare(
      `SELECT ${BUCKET_SQL} AS b, severity, kind, count(*) AS n FROM entries
        WHERE ts >= @from AND ts <= @to AND ${NOT_MIRRORED_SQL}
        GROUP BY b, severity, kind`,
    )
    .all({ from: frame.from, to: frame.to, origin: frame.originSec, size: frame.size }) as Array<{ b: number; severity: string; kind: Kind | null; n: number }>;
  for (const r of rows) {
    const bucket = buckets[r.b];
    if (bucket === undefined) continue;
    bucket.counts[bandOf(r.severity)] += r.n;
    bucket.total += r.n;
    const gauge = r.kind === null ? undefined : KIND_GAUGES[r.kind];
    if (gauge === 'deadlocks') bucket.deadlocks += r.n;
    else if (gauge === 'connections_refused') bucket.refused += r.n;
    else if (gauge === 'slow_statements') bucket.slow += r.n;
  }
  const waits = spreadWaits(frame, loadWaitEpisodes(db, frame.from, frame.to));
  buckets.forEach((b, i) => (b.lockWaitMs = waits.ms[i] ?? 0));
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
