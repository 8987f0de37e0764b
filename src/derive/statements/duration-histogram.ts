/**
 * A mergeable histogram of statement durations: counts in fixed log-scale buckets,
 * eight per doubling, so that the histograms of any set of minutes add up and a
 * quantile of their union can be read from the sum.
 *
 * Durations are whole microseconds (the log prints milliseconds with three
 * decimals). Bucket 0 holds 0 µs; bucket k ≥ 1 holds [2^((k−1)/8), 2^(k/8)) µs.
 * The counts are exact, so the bucket holding the ⌈0.95·n⌉-th duration is exactly
 * known; quantile() answers the geometric middle of that bucket (its top clipped to
 * the largest duration when that is lower), which is within 2^(1/16) − 1 ≈ 4.4 %
 * of the true value (4.5 % allowing for the rounding of log2 at bucket edges).
 */

const PER_DOUBLING = 8;

/** Relative error bound of quantile() (see above), for tests and documentation. */
export const QUANTILE_ERROR = 0.045;

export type DurationHistogram = Map<number, number>;

export function durationBucket(us: number): number {
  return us <= 0 ? 0 : 1 + Math.floor(Math.log2(us) * PER_DOUBLING);
}

const bucketLowUs = (k: number): number => (k <= 0 ? 0 : 2 ** ((k - 1) / PER_DOUBLING));
const bucketHighUs = (k: number): number => (k <= 0 ? 0 : 2 ** (k / PER_DOUBLING));

export function addDuration(h: DurationHistogram, us: number): void {
  const k = durationBucket(us);
  h.set(k, (h.get(k) ?? 0) + 1);
}

export function mergeHistogram(into: DurationHistogram, from: DurationHistogram): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/**
 * The ⌈n·q⌉-th smallest duration, in ms, approximately (see above); null when the
 * histogram is empty. `maxMs` is the exact largest duration.
 */
export function quantileMs(h: DurationHistogram, q: number, maxMs: number): number | null {
  let n = 0;
  for (const c of h.values()) n += c;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(n * q));
  let seen = 0;
  for (const k of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(k)!;
    if (seen < rank) continue;
    if (k === 0) return 0;
    const high = Math.min(bucketHighUs(k), Math.round(maxMs * 1000));
    return Math.sqrt(bucketLowUs(k) * high) / 1000;
  }
  return maxMs;
}

/** As stored in `statement_buckets.durations`: (bucket, count) pairs of little-endian uint32. */
export function encodeHistogram(h: DurationHistogram): Buffer {
  const b = Buffer.alloc(h.size * 8);
  let at = 0;
  for (const [k, n] of h) {
    b.writeUInt32LE(k, at);
    b.writeUInt32LE(n, at + 4);
    at += 8;
  }
  return b;
}

export function addEncodedHistogram(into: DurationHistogram, b: Buffer): void {
  for (let at = 0; at + 8 <= b.length; at += 8) {
    const k = b.readUInt32LE(at);
    into.set(k, (into.get(k) ?? 0) + b.readUInt32LE(at + 4));
  }
}
