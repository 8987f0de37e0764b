/** The robust baseline: median and MAD ignore the loud minority of buckets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineOf, median } from '../../src/analyze/incidents/robust-baseline.js';
import { findAbnormal, groupHits } from '../../src/analyze/incidents/abnormal-buckets.js';

test('median', () => {
  const cases: Array<[number[], number]> = [[[], 0], [[5], 5], [[3, 1, 2], 2], [[4, 1, 3, 2], 2.5], [[0, 0, 0, 100], 0]];
  for (const [values, expected] of cases) assert.equal(median(values), expected, JSON.stringify(values));
});

test('thresholds: a floor over a silent gauge, k robust sigmas over a noisy one', () => {
  const cases: Array<[values: number[], floor: number, threshold: number]> = [
    [[0, 0, 0, 0, 0, 0, 40, 50], 1, 1], // mostly silent: the floor decides, the outage does not raise the bar
    [[10, 10, 10, 10, 10, 10], 3, 13], // constant: median + floor
    [[8, 10, 12, 10, 10, 9, 11, 500], 3, 10 + 3 * 1.4826 * 1], // noisy: median 10, MAD 1
  ];
  for (const [values, floor, threshold] of cases) assert.ok(Math.abs(baselineOf(values, floor).threshold - threshold) < 1e-9, JSON.stringify(values));
});

test('abnormal buckets group across at most one quiet bucket', () => {
  const hits = [1, 2, 4, 7, 8].map((bucket) => ({ signal: 'deadlocks' as const, bucket, value: 1 }));
  assert.deepEqual(groupHits(hits).map((g) => g.map((h) => h.bucket)), [[1, 2, 4], [7, 8]]);
  const quiet = { errors: 0, fatals: 0, deadlocks: 0, lock_wait_ms: 0, connections_refused: 0, timeouts: 0, slow_statement_ms: 0 };
  const buckets = Array.from({ length: 20 }, (_, i) => ({ ...quiet, deadlocks: i === 5 ? 2 : 0, lock_wait_ms: i === 9 ? 1500 : 0 }));
  const found = findAbnormal(buckets as never, 1);
  assert.deepEqual(found.hits.map((h) => [h.signal, h.bucket]), [['deadlocks', 5]], 'one deadlock burst; 1.5 s of lock waits is under the 2 s floor');
});
