/** The derive pass's timestamp arithmetic agrees with Date.parse, whatever order minutes come in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoMs, msBetween, msFrom, shiftTs } from '../../src/derive/iso-time.js';

const STAMPS = [
  '2026-11-26T16:40:00.123Z',
  '2026-11-26T16:41:59.999Z',
  '2026-11-26T16:40:30.000Z', // back to the first minute
  '2026-11-26T16:41:00.001Z',
  '2026-11-26T17:00:00.000Z', // a third minute evicts one
  '2026-11-26T16:40:00.124Z',
  '2026-12-31T23:59:59.999Z',
  '2027-01-01T00:00:00.000Z',
  '2024-02-29T12:00:00.500Z',
  '2026-11-26T16:40:00Z', // no milliseconds: Date.parse
];

test('isoMs equals Date.parse for every order of minutes', () => {
  for (let round = 0; round < 3; round++) {
    const order = round === 1 ? [...STAMPS].reverse() : round === 2 ? STAMPS.flatMap((s) => [s, STAMPS[0]!]) : STAMPS;
    for (const ts of order) assert.equal(isoMs(ts), Date.parse(ts), ts);
  }
});

test('msBetween, msFrom and shiftTs', () => {
  assert.equal(msBetween('2026-11-26T16:41:59.999Z', '2026-11-26T16:40:00.123Z'), 119_876);
  assert.equal(msBetween(null, '2026-11-26T16:40:00.123Z'), Infinity);
  assert.equal(msFrom('2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z'), 1);
  assert.equal(msFrom('2026-12-31T23:59:59.999Z', null), null);
  assert.equal(shiftTs('2026-12-31T23:59:59.999Z', 2), '2027-01-01T00:00:00.001Z');
});
