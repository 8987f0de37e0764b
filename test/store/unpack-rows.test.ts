/**
 * Entries are classified as they are packed, on the ingest thread, and unpacked on the
 * writer thread: each row must come out as the entry classified then laid out column by
 * column (kind, family, settled SQLSTATE), whatever columns it has and wherever its
 * SQLSTATE cell sits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/classify/index.js';
import { newEntry, type LogEntry, type Severity } from '../../src/parse/log-entry.js';
import { unpackRows } from '../../src/store/unpack-rows.js';
import { createEntryPacker, ENTRY_COLUMNS, packEntries, pushPackedRow, type Cell, type PackedEntries } from '../../src/store/entry-rows.js';

function entry(severity: Severity, message: string, extra: Partial<LogEntry> = {}): LogEntry {
  return Object.assign(newEntry(severity, message, 1, 1), extra);
}

// Real server texts (samples/), with the SQLSTATE as each format gives it: none (stderr without %e), a code, 00000 (csv/json).
const CASES: Array<[string, LogEntry]> = [
  ['duration, no sqlstate', entry('LOG', 'duration: 0.123 ms  statement: SELECT abalance FROM pgbench_accounts WHERE aid = 1;', { ts: '2026-11-26T17:03:35.447Z', pid: 7, user_name: 'app' })],
  ['csvlog 00000 is dropped', entry('LOG', 'connection authorized: user=app database=shop application_name=puma', { sqlstate: '00000', pid: 8 })],
  ['a logged code is kept', entry('ERROR', 'deadlock detected', { sqlstate: '40P01', pid: 9, detail: 'Process 9 waits for ShareLock on transaction 1; blocked by process 10.', statement: 'UPDATE t SET x = 1' })],
  ['a code inferred from the text is added', entry('ERROR', 'canceling statement due to lock timeout', { pid: 10, statement: 'LOCK TABLE t' })],
  ['verbose mode: the code in the text', entry('ERROR', '40P01: deadlock detected', { pid: 11 })],
  ['text beyond Latin-1, and empty text', entry('ERROR', 'invalid byte sequence for encoding "UTF8": 0xe9 — café ✓ 😀', { pid: 15, detail: '', hint: '日本語', user_name: 'ü' })],
  ['unknown text keeps its severity', entry('WARNING', 'something no rule knows', { pid: 12, application_name: 'sidekiq' })],
  ['every column present', entry('FATAL', 'terminating connection due to administrator command', {
    ts: 'ts', pid: 13, sqlstate: '57P01', detail: 'd', hint: 'h', context: 'c', statement: 's', internal_query: 'q', location: 'l',
    user_name: 'u', database_name: 'db', application_name: 'a', client: 'cl', session_id: 'sid', session_line: 3, session_start: 'ss',
    xid: '77', vxid: '3/4', backend_type: 'client backend', query_id: '-5', command_tag: 'UPDATE', leader_pid: 14,
  })],
];

/** The entry classified first, then laid out column by column: the row the writer must insert. */
function classifiedRows(entries: LogEntry[]): Cell[] {
  const out: Cell[] = [];
  for (const e of entries) {
    const c = classify(e);
    const values: Record<string, Cell | undefined> = {
      ...e, file_id: 3, line_start: e.lineStart, line_count: e.lineCount, xid: e.xid === undefined ? undefined : Number(e.xid),
      sqlstate: c.sqlstate, kind: c.kind, family: c.family,
    };
    pushPackedRow(out, ENTRY_COLUMNS.map((column) => values[column]));
  }
  return out;
}

for (const [name, e] of CASES) {
  test(`unpackRows: ${name}`, () => {
    assert.deepEqual(unpackRows(packEntries(3, [e])), classifiedRows([e]));
  });
}

test('unpackRows: rows of every shape one after another, as a batch has them', () => {
  const all = CASES.map(([, e]) => e);
  const batch = [...all, ...all.reverse()];
  assert.deepEqual(unpackRows(packEntries(3, batch)), classifiedRows(batch));
});

test('unpackRows: context values repeated from row to row, with other rows between', () => {
  const a = entry('LOG', 'duration: 1 ms  statement: SELECT 1', { ts: '2026-11-26T17:03:35.447Z', pid: 7, user_name: 'app', database_name: 'shop', sqlstate: '00000' });
  const b = entry('LOG', 'duration: 2 ms  statement: SELECT 2', { ts: '2026-11-26T17:03:35.447Z', pid: 8, user_name: 'app', database_name: 'other' });
  const noContext = entry('LOG', 'checkpoint starting: time');
  const c = entry('ERROR', 'deadlock detected', { ts: '2026-11-26T17:03:35.448Z', pid: 7, user_name: 'app', database_name: 'shop', sqlstate: '40P01' });
  const batch = [a, b, noContext, c, a, a, noContext, b];
  assert.deepEqual(unpackRows(packEntries(3, batch)), classifiedRows(batch));
});

/** The entries packed by a packer that classifies the rows `classifyHere` picks (by position), not the others. */
function packedSwitching(entries: LogEntry[], classifyHere: (i: number) => boolean): PackedEntries {
  const packer = createEntryPacker({ cells: 4096, chars: Infinity });
  entries.forEach((e, i) => {
    packer.classifying = classifyHere(i);
    packer.push(3, e);
  });
  return packer.take();
}

test('unpackRows: entries not classified on the ingest thread are classified on the writer, alike', () => {
  const all = CASES.map(([, e]) => e);
  const batch = [...all, ...all.reverse()];
  for (const [name, pick] of [['none', () => false], ['every other', (i: number) => i % 2 === 0], ['all', () => true]] as const) {
    assert.deepEqual(unpackRows(packedSwitching(batch, pick)), classifiedRows(batch), name);
  }
});
