/** Every (signal, bucket) above its baseline, and the baselines themselves. */
import type { TimelineBucket } from '../timeline/build-timeline.js';
import { baselineOf, type Baseline } from './robust-baseline.js';
import { SIGNALS, SIGNAL_INFO, type Signal } from './signals.js';

export interface Hit {
  signal: Signal;
  bucket: number;
  value: number;
}

export interface Abnormal {
  baselines: Record<Signal, Baseline>;
  /** In bucket order. */
  hits: Hit[];
}

export function findAbnormal(buckets: readonly TimelineBucket[], bucketSeconds: number): Abnormal {
  const baselines = {} as Record<Signal, Baseline>;
  const hits: Hit[] = [];
  for (const signal of SIGNALS) {
    const info = SIGNAL_INFO[signal];
    const values = buckets.map(info.value);
    const baseline = (baselines[signal] = baselineOf(values, info.floor(bucketSeconds)));
    values.forEach((value, bucket) => {
      if (value >= baseline.threshold) hits.push({ signal, bucket, value });
    });
  }
  hits.sort((a, b) => a.bucket - b.bucket);
  return { baselines, hits };
}

/** Abnormal buckets with at most this many quiet buckets between them are one episode of trouble. */
const MAX_QUIET_BUCKETS = 1;

/** Runs of nearby abnormal buckets, each with its hits. */
export function groupHits(hits: readonly Hit[]): Hit[][] {
  const groups: Hit[][] = [];
  for (const hit of hits) {
    const last = groups.at(-1);
    if (last !== undefined && hit.bucket - last.at(-1)!.bucket <= MAX_QUIET_BUCKETS + 1) last.push(hit);
    else groups.push([hit]);
  }
  return groups;
}
