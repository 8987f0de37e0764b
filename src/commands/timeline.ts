/** `pgautopsy timeline`: per time bucket, what the server logged and the gauges that tell trouble; plus the notable events. */
import type { Writable } from 'node:stream';
import { parseBucket } from '../analyze/timeline/bucket-size.js';
import { buildTimeline, type Timeline } from '../analyze/timeline/build-timeline.js';
import { coveredBucket } from '../analyze/timeline/covered-bucket.js';
import { formatTimeline } from '../analyze/timeline/format-timeline.js';
import { readStore } from '../store/open-store.js';
import { timeWindow } from '../util/time-arg.js';

export interface TimelineOptions {
  db: string;
  from?: string;
  to?: string;
  /** `10s`, `1m`, `5m`, `1h`…; chosen from the span when omitted. */
  bucket?: string;
  json: boolean;
}

export function loadTimeline(opts: Omit<TimelineOptions, 'json'>): Timeline {
  const window = timeWindow(opts);
  return readStore(opts.db, (db) => {
    const bucketSeconds = opts.bucket === undefined ? coveredBucket(db, window) : parseBucket(opts.bucket);
    return buildTimeline(db, bucketSeconds === undefined ? { window } : { window, bucketSeconds }).timeline;
  });
}

export function timelineCommand(opts: TimelineOptions, out: Writable): Timeline {
  const timeline = loadTimeline(opts);
  out.write(opts.json ? `${JSON.stringify(timeline, null, 2)}\n` : `${formatTimeline(timeline)}\n`);
  return timeline;
}
