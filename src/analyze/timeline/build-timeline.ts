/** A timeline: per bucket, entries by family and the gauges; plus the notable single events. */
import type { Family } from '../../classify/index.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { bucketLabel } from './bucket-size.js';
import { bucketStartMs, loadFrame, type BucketFrame } from './bucket-frame.js';
import { countEntries, emptyCounts, type EntryCounts } from './entry-counts.js';
import { GAUGES, type Gauges } from './gauges.js';
import { loadNotableEvents, type NotableEvent } from './notable-events.js';
import { loadWaitSpread } from './frame-waits.js';

export interface TimelineBucket extends Gauges {
  start: string;
  end: string;
  entries: number;
  families: Record<Family, number>;
}

export interface Timeline {
  from: string | null;
  to: string | null;
  bucket: string;
  bucket_seconds: number;
  /** `connections_opened` counts this kind of line. */
  connections_counted_from: EntryCounts['openedKind'];
  totals: Omit<TimelineBucket, 'start' | 'end'>;
  buckets: TimelineBucket[];
  events: NotableEvent[];
}

/** What incident detection reuses without querying twice. */
export interface TimelineData {
  timeline: Timeline;
  frame: BucketFrame | null;
}

/** Milliseconds as the log gives them (three decimals), without float noise from the sums. */
const exactMs = (ms: number): number => Math.round(ms * 1000) / 1000;

function sumBuckets(buckets: readonly TimelineBucket[]): Timeline['totals'] {
  const totals = { ...emptyCounts().gauges, entries: 0, families: emptyCounts().families };
  for (const b of buckets) {
    totals.entries += b.entries;
    for (const g of GAUGES) totals[g] += b[g];
    for (const f of Object.keys(b.families) as Family[]) totals.families[f] += b.families[f];
  }
  totals.lock_wait_ms = exactMs(totals.lock_wait_ms);
  totals.slow_statement_ms = exactMs(totals.slow_statement_ms);
  return totals;
}

/** `events: false` skips the notable events (a scan of the window's entries) for callers that only need the buckets. */
export function buildTimeline(db: Store, opts: { window: TimeWindow; bucketSeconds?: number; events?: boolean }): TimelineData {
  const frame = loadFrame(db, opts.window, opts.bucketSeconds);
  if (frame === null) {
    const size = opts.bucketSeconds ?? 60;
    const timeline: Timeline = {
      from: null, to: null, bucket: bucketLabel(size), bucket_seconds: size, connections_counted_from: 'connection_received',
      totals: sumBuckets([]), buckets: [], events: [],
    };
    return { timeline, frame };
  }
  const counts = countEntries(db, frame);
  const waits = loadWaitSpread(db, frame);
  const buckets = counts.buckets.map((c, i): TimelineBucket => ({
    start: new Date(bucketStartMs(frame, i)).toISOString(),
    end: new Date(bucketStartMs(frame, i + 1)).toISOString(),
    entries: c.entries,
    families: c.families,
    ...c.gauges,
    lock_waits_started: waits.started[i]!,
    lock_wait_ms: exactMs(waits.ms[i]!),
    slow_statement_ms: exactMs(c.gauges.slow_statement_ms),
  }));
  const timeline: Timeline = {
    from: frame.from, to: frame.to, bucket: bucketLabel(frame.size), bucket_seconds: frame.size,
    connections_counted_from: counts.openedKind,
    totals: sumBuckets(buckets), buckets, events: opts.events === false ? [] : loadNotableEvents(db, frame),
  };
  return { timeline, frame };
}
