import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTimestampConverter, zoneOffsetMinutes } from '../../src/parse/timestamp.js';

test('zone abbreviations and numeric offsets', () => {
  const cases: Array<[string, number | undefined]> = [
    ['UTC', 0], ['CET', 60], ['CEST', 120], ['EDT', -240], ['EST', -300], ['+03', 180],
    ['-0530', -330], ['+05:30', 330], ['XYZT', undefined],
  ];
  for (const [zone, minutes] of cases) assert.equal(zoneOffsetMinutes(zone), minutes, zone);
});

test('printed zones convert to UTC with milliseconds', () => {
  const t = createTimestampConverter();
  const cases: Array<[string, string | undefined, string]> = [
    ['2026-11-26 16:40:00.123', 'UTC', '2026-11-26T16:40:00.123Z'],
    ['2026-03-29 03:30:00.500', 'CEST', '2026-03-29T01:30:00.500Z'],
    ['2026-03-29 01:59:59.999', 'CET', '2026-03-29T00:59:59.999Z'],
    ['2026-11-01 01:30:00', 'EDT', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01 01:30:00', 'EST', '2026-11-01T06:30:00.000Z'],
    ['2026-01-01 02:00:00.000', '+03', '2025-12-31T23:00:00.000Z'],
    ['2026-01-01 00:00:00.123456', 'UTC', '2026-01-01T00:00:00.123Z'],
  ];
  for (const [local, zone, utc] of cases) assert.equal(t.toUtc(local, zone), utc, `${local} ${zone}`);
});

test('the abbreviations zones in Africa, Israel, Indonesia, Guam and Samoa print', () => {
  const cases: Array<[string, number]> = [['WAT', 60], ['CAT', 120], ['EAT', 180], ['IDT', 180], ['WITA', 480], ['WIT', 540], ['ChST', 600], ['SST', -660], ['HDT', -540]];
  for (const [zone, minutes] of cases) assert.equal(zoneOffsetMinutes(zone), minutes, zone);
});

test('an abbreviation zones far apart print: its common meaning, reported, unless --tz names the zone', () => {
  const cases: Array<{ zone: string; local: string; tz?: string; utc: string }> = [
    { zone: 'CST', local: '2026-11-29 02:44:33.340', utc: '2026-11-29T08:44:33.340Z' },
    { zone: 'CST', local: '2026-11-29 02:44:33.340', tz: 'Asia/Shanghai', utc: '2026-11-28T18:44:33.340Z' },
    { zone: 'CST', local: '2026-11-29 02:44:33.340', tz: 'America/Chicago', utc: '2026-11-29T08:44:33.340Z' },
    { zone: 'CDT', local: '2026-07-01 12:00:00.000', tz: 'America/Havana', utc: '2026-07-01T16:00:00.000Z' },
    { zone: 'IST', local: '2026-07-01 12:00:00.000', utc: '2026-07-01T06:30:00.000Z' },
    { zone: 'IST', local: '2026-07-01 12:00:00.000', tz: 'Europe/Dublin', utc: '2026-07-01T11:00:00.000Z' },
    { zone: 'IST', local: '2026-01-15 12:00:00.000', tz: 'Asia/Jerusalem', utc: '2026-01-15T10:00:00.000Z' },
    { zone: 'PST', local: '2026-01-15 12:00:00.000', tz: 'Asia/Manila', utc: '2026-01-15T04:00:00.000Z' },
  ];
  for (const c of cases) {
    const t = createTimestampConverter(c.tz);
    assert.equal(t.toUtc(c.local, c.zone), c.utc, `${c.zone} ${c.tz ?? 'without --tz'}`);
    assert.deepEqual([...t.ambiguousZones], c.tz === undefined ? [c.zone] : [], `${c.zone}: reported only without --tz`);
    // An abbreviation only one zone prints is read as printed, whatever --tz says.
    assert.equal(t.toUtc('2026-01-15 12:00:00.000', 'UTC'), '2026-01-15T12:00:00.000Z');
  }
});

test('unknown zones are reported and read as UTC', () => {
  const t = createTimestampConverter();
  assert.equal(t.toUtc('2026-01-01 00:00:00', 'XYZT'), '2026-01-01T00:00:00.000Z');
  assert.deepEqual([...t.unknownZones], ['XYZT']);
});

test('--tz zone for timestamps without a zone, across the autumn repeated hour', () => {
  const t = createTimestampConverter('America/New_York');
  // 2026-11-01: 01:00-01:59 happens twice (EDT, then EST).
  const sequence = [
    ['2026-11-01 00:59:00', '2026-11-01T04:59:00.000Z'],
    ['2026-11-01 01:30:00', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01 01:59:00', '2026-11-01T05:59:00.000Z'],
    ['2026-11-01 01:00:30', '2026-11-01T06:00:30.000Z'],
    ['2026-11-01 01:30:00', '2026-11-01T06:30:00.000Z'],
    ['2026-11-01 02:00:00', '2026-11-01T07:00:00.000Z'],
  ];
  for (const [local, utc] of sequence) assert.equal(t.toUtc(local!), utc, local);
});

test('--tz across the spring gap', () => {
  const t = createTimestampConverter('Europe/Paris');
  assert.equal(t.toUtc('2026-03-29 01:59:00'), '2026-03-29T00:59:00.000Z');
  assert.equal(t.toUtc('2026-03-29 03:00:00'), '2026-03-29T01:00:00.000Z');
  assert.equal(t.toUtc('2026-07-01 12:00:00'), '2026-07-01T10:00:00.000Z');
});

test('not a timestamp', () => {
  const t = createTimestampConverter();
  assert.equal(t.toUtc('hello world, not a time'), undefined);
});

test('lines of the same minute (the fast path) convert exactly like the first one', () => {
  const t = createTimestampConverter();
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['2026-11-26 16:40:00.123', 'UTC', '2026-11-26T16:40:00.123Z'],
    ['2026-11-26 16:40:59.999', 'UTC', '2026-11-26T16:40:59.999Z'],
    ['2026-11-26 16:40:07.000', 'CET', '2026-11-26T15:40:07.000Z'], // same minute, other zone
    ['2026-11-26 16:40:07.001', 'CET', '2026-11-26T15:40:07.001Z'],
    ['2026-11-26 16:40:07.0x1', 'CET', undefined], // not digits: not a timestamp
    ['2026-11-26 16:40:x7.001', 'CET', undefined],
    ['2026-11-26 16:40:07.002', '', '2026-11-26T16:40:07.002Z'], // no zone printed
  ];
  for (const [local, zone, utc] of cases) assert.equal(t.toUtc(local, zone), utc, `${local} ${zone}`);
});

test('--tz: the repeated autumn hour is decided line by line, milliseconds included', () => {
  const t = createTimestampConverter('America/New_York');
  const sequence = [
    ['2026-11-01 01:59:59.900', '2026-11-01T05:59:59.900Z'],
    ['2026-11-01 01:00:00.100', '2026-11-01T06:00:00.100Z'],
    ['2026-11-01 01:00:00.200', '2026-11-01T06:00:00.200Z'],
    ['2026-11-01 02:00:00.000', '2026-11-01T07:00:00.000Z'],
  ];
  for (const [local, utc] of sequence) assert.equal(t.toUtc(local!), utc, local);
});

test('the same text on consecutive lines, as busy logs print it, converts the same; another zone does not', () => {
  const t = createTimestampConverter();
  const cases: Array<[string, string, string]> = [
    ['2026-11-26 17:03:35.633', 'UTC', '2026-11-26T17:03:35.633Z'],
    ['2026-11-26 17:03:35.633', 'UTC', '2026-11-26T17:03:35.633Z'],
    ['2026-11-26 17:03:35.633', 'UTC', '2026-11-26T17:03:35.633Z'],
    ['2026-11-26 17:03:35.633', 'CET', '2026-11-26T16:03:35.633Z'],
    ['2026-11-26 17:03:35.633', 'CET', '2026-11-26T16:03:35.633Z'],
    ['2026-11-26 17:03:35.634', 'CET', '2026-11-26T16:03:35.634Z'],
    ['2026-11-26 17:03:35.633', 'UTC', '2026-11-26T17:03:35.633Z'],
  ];
  for (const [local, zone, utc] of cases) assert.equal(t.toUtc(local, zone), utc, `${local} ${zone}`);
});
