/** Listings and charts of big or broken logs: many rows, or a span of centuries, must not overflow or explode. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxOf } from '../../src/util/max-of.js';
import { textTable } from '../../src/util/text-table.js';
import { svgBars } from '../../src/report/svg-bars.js';

test('maxOf takes any number of values (Math.max(...values) overflows the stack past ~100 000)', () => {
  const values = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.equal(maxOf(values), Math.max(...values.slice(0, 50_000), ...values.slice(50_000, 100_000), maxOf(values.slice(100_000))));
  assert.equal(maxOf([], 3), 3);
  assert.equal(maxOf([-5, -2]), -2);
});

test('a table of 300 000 rows and a chart of 300 000 bars are drawn', () => {
  const rows = Array.from({ length: 300_000 }, (_, i) => [`pid ${i}`, 'x', 'last']);
  assert.equal(textTable(['who', 'what', 'note'], rows).split('\n').length, 300_001);
  const labels = rows.map((r) => r[0]!);
  assert.match(svgBars('t', labels, [{ label: 's', color: '#000', values: labels.map((_, i) => i % 7) }]), /<svg/);
});
