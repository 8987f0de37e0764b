/** Bucket widths: parsing `--bucket`, and the automatic choice giving 40–120 rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketLabel, chooseBucket, parseBucket } from '../../src/analyze/timeline/bucket-size.js';
import { frameFor } from '../../src/analyze/timeline/bucket-frame.js';
import { sparkline } from '../../src/analyze/timeline/sparkline.js';
import { UsageError } from '../../src/commands/errors.js';

test('--bucket accepts Ns, Nm, Nh', () => {
  const cases: Array<[string, number, string]> = [['10s', 10, '10s'], ['1m', 60, '1m'], ['5m', 300, '5m'], ['90s', 90, '90s'], ['2h', 7200, '2h'], [' 15M ', 900, '15m']];
  for (const [text, seconds, label] of cases) {
    assert.equal(parseBucket(text), seconds, text);
    assert.equal(bucketLabel(seconds), label);
  }
  for (const bad of ['', '10', '0s', '-5m', '1.5m', '5 minutes', 'm']) assert.throws(() => parseBucket(bad), UsageError, bad);
});

test('the automatic width gives 40 to 120 rows for spans from a minute to a month', () => {
  for (const span of [60, 100, 300, 999, 3600, 5400, 7 * 3600, 86400, 3 * 86400, 30 * 86400]) {
    const size = chooseBucket(span);
    const frame = frameFor('2026-03-20T13:00:07.123Z', new Date(Date.parse('2026-03-20T13:00:07.123Z') + span * 1000).toISOString(), size);
    assert.ok(frame.count >= 40 && frame.count <= 120, `${span} s → ${bucketLabel(size)} × ${frame.count}`);
  }
});

test('sparklines keep every spike when squeezed', () => {
  assert.equal(sparkline([0, 1, 2, 4, 8], 10), ' ▁▂▄█');
  const values = Array.from({ length: 100 }, (_, i) => (i === 37 ? 5 : 0));
  const line = sparkline(values, 60);
  assert.equal([...line].length, 60);
  assert.equal(line.replace(/ /g, ''), '█');
});
