/** The duration histogram behind the top-queries p95: quantiles within the stated bound, sums of parts equal to the whole. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDuration, addEncodedHistogram, durationBucket, encodeHistogram, mergeHistogram, QUANTILE_ERROR, quantileMs, type DurationHistogram,
} from '../../src/derive/statements/duration-histogram.js';

/** A repeatable spread of durations: 0 µs, 1 µs, exact powers of two and log-uniform values from 1 µs to 3 h. */
function durationsUs(n: number, seed: number): number[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out = [0, 1, 2, 1024, 2 ** 20, 2 ** 33];
  while (out.length < n) out.push(Math.round(Math.exp(next() * Math.log(1e10))));
  return out;
}

const exact = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;

describe('duration histogram', () => {
  it('buckets are monotone in the duration', () => {
    let last = -1;
    for (const us of [...durationsUs(5000, 7)].sort((a, b) => a - b)) {
      const k = durationBucket(us);
      assert.ok(k >= last, `${us} µs`);
      last = k;
    }
  });

  for (const n of [1, 2, 19, 20, 21, 100, 5000]) {
    it(`${n} durations: every quantile is within ${QUANTILE_ERROR * 100} % of the exact one`, () => {
      for (const seed of [1, 2, 3]) {
        const us = durationsUs(n, seed);
        const h: DurationHistogram = new Map();
        for (const d of us) addDuration(h, d);
        const sorted = us.map((d) => d / 1000).sort((a, b) => a - b);
        for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 1]) {
          const want = exact(sorted, q);
          const got = quantileMs(h, q, sorted.at(-1)!)!;
          assert.ok(Math.abs(got - want) <= want * QUANTILE_ERROR, `q ${q} of ${n} (seed ${seed}): ≈${got} for ${want}`);
        }
      }
    });
  }

  it('is empty: no quantile', () => {
    assert.equal(quantileMs(new Map(), 0.95, 0), null);
  });

  it('merged parts, and parts through their stored form, equal the histogram of the whole', () => {
    const us = durationsUs(3000, 11);
    const whole: DurationHistogram = new Map();
    for (const d of us) addDuration(whole, d);
    const merged: DurationHistogram = new Map();
    const decoded: DurationHistogram = new Map();
    for (let i = 0; i < us.length; i += 250) {
      const part: DurationHistogram = new Map();
      for (const d of us.slice(i, i + 250)) addDuration(part, d);
      mergeHistogram(merged, part);
      addEncodedHistogram(decoded, encodeHistogram(part));
    }
    const sorted = (h: DurationHistogram) => [...h].sort((a, b) => a[0] - b[0]);
    assert.deepEqual(sorted(merged), sorted(whole));
    assert.deepEqual(sorted(decoded), sorted(whole));
  });
});
