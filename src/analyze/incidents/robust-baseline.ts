/**
 * What "normal" is for one gauge, learned from the log itself: the median bucket
 * and the median absolute deviation (MAD) around it. Both ignore the loud
 * minority of buckets, so an outage does not raise its own bar the way a mean
 * and standard deviation would.
 */

/** Scales the MAD to the standard deviation of normally distributed data. */
const MAD_TO_SIGMA = 1.4826;
/** How many (robust) standard deviations above the median a bucket must be. */
export const SPREAD_K = 3;

export interface Baseline {
  median: number;
  mad: number;
  /** A bucket at or above this is abnormal: median + max(k·σ, floor). */
  threshold: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * `floor` is the smallest excess that matters: with a median and MAD of zero
 * (a gauge that is usually silent) one deadlock is news, one error is not.
 */
export function baselineOf(values: readonly number[], floor: number): Baseline {
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  return { median: m, mad, threshold: m + Math.max(SPREAD_K * MAD_TO_SIGMA * mad, floor) };
}
