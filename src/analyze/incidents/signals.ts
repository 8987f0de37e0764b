/**
 * The gauges incident detection watches, and how much above normal each must be
 * before a bucket counts as abnormal. Floors scale with the bucket where the
 * gauge is a time (lock waits, statement time), so that "abnormal" means about
 * the same at 1 s and at 5 min buckets.
 */
import type { TimelineBucket } from '../timeline/build-timeline.js';

export const SIGNALS = ['lock_wait_s', 'deadlocks', 'connections_refused', 'timeouts', 'errors', 'fatals', 'statement_s'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface SignalInfo {
  value: (b: TimelineBucket) => number;
  floor: (bucketSeconds: number) => number;
  /**
   * How far the signal's events may move an incident's edges (see
   * assemble-windows.ts). `primary` events always do. `statement` time does
   * unless lock waits fired too: a long statement may be the blocker, running
   * well before anyone waited. `generic` errors and fatals also count the
   * others' events (a deadlock is an ERROR, a refusal a FATAL), so they only
   * make windows of their own.
   */
  placement: 'primary' | 'statement' | 'generic';
}

export const SIGNAL_INFO: Record<Signal, SignalInfo> = {
  // Sessions blocked: 2 s of waiting in a bucket, or 5% of the bucket, above normal.
  lock_wait_s: { value: (b) => b.lock_wait_ms / 1000, floor: (s) => Math.max(2, 0.05 * s), placement: 'primary' },
  deadlocks: { value: (b) => b.deadlocks, floor: () => 1, placement: 'primary' },
  connections_refused: { value: (b) => b.connections_refused, floor: () => 1, placement: 'primary' },
  // One timeout is routine (an idle session closed); two in a bucket above normal is not.
  timeouts: { value: (b) => b.timeouts, floor: () => 2, placement: 'primary' },
  errors: { value: (b) => b.errors, floor: () => 3, placement: 'generic' },
  fatals: { value: (b) => b.fatals, floor: () => 3, placement: 'generic' },
  // Statement time ending in the bucket: a stall shows when the stuck statements finish at once.
  statement_s: { value: (b) => b.slow_statement_ms / 1000, floor: (s) => Math.max(10, 0.1 * s), placement: 'statement' },
};
