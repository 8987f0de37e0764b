import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStderrParser } from '../../src/parse/stderr-parser.js';
import { compilePrefix } from '../../src/parse/prefix-pattern.js';
import { createTimestampConverter } from '../../src/parse/timestamp.js';
import type { LogEntry, UnparsedLine } from '../../src/parse/log-entry.js';

function parse(prefix: string, text: string): { entries: LogEntry[]; unparsed: UnparsedLine[] } {
  const entries: LogEntry[] = [];
  const unparsed: UnparsedLine[] = [];
  const parser = createStderrParser(
    { entry: (e) => entries.push(e), unparsed: (u) => unparsed.push(u), warn: () => undefined },
    { pattern: compilePrefix(prefix), time: createTimestampConverter() },
  );
  text.split('\n').forEach((line, i) => parser.push(line, i + 1));
  parser.flush();
  return { entries, unparsed };
}

const DEADLOCK = `2026-11-26 16:40:01.100 UTC [16292] app@shop LOG:  process 16292 detected deadlock while waiting for ShareLock on transaction 18020 after 200.123 ms
2026-11-26 16:40:01.100 UTC [16292] app@shop DETAIL:  Process holding the lock: 16287. Wait queue: .
2026-11-26 16:40:01.100 UTC [16300] app@shop LOG:  duration: 0.101 ms  statement: select 1
2026-11-26 16:40:01.100 UTC [16292] app@shop CONTEXT:  while updating tuple (17,86) in relation "spree_variants"
2026-11-26 16:40:01.101 UTC [16292] app@shop ERROR:  deadlock detected
2026-11-26 16:40:01.101 UTC [16292] app@shop DETAIL:  Process 16292 waits for ShareLock on transaction 18020; blocked by process 16287.
	Process 16287 waits for ShareLock on transaction 18014; blocked by process 16292.
	Process 16292: UPDATE spree_variants SET count_on_hand = 1 WHERE id = 25;
	Process 16287: UPDATE spree_variants SET count_on_hand = 2 WHERE id = 2;
2026-11-26 16:40:01.101 UTC [16300] app@shop LOG:  duration: 0.090 ms  statement: select 2
2026-11-26 16:40:01.101 UTC [16292] app@shop HINT:  See server log for query details.
2026-11-26 16:40:01.101 UTC [16292] app@shop CONTEXT:  while updating tuple (17,86) in relation "spree_variants"
2026-11-26 16:40:01.101 UTC [16292] app@shop STATEMENT:  UPDATE spree_variants SET count_on_hand = 1 WHERE id = 25;`;

test('a deadlock report with interleaved backends and TAB continuations', () => {
  const { entries, unparsed } = parse('%m [%p] %q%u@%d ', DEADLOCK);
  assert.deepEqual(unparsed, []);
  assert.deepEqual(entries.map((e) => [e.pid, e.severity, e.lineStart, e.lineCount]), [
    [16292, 'LOG', 1, 3],
    [16300, 'LOG', 3, 1],
    [16292, 'ERROR', 5, 8],
    [16300, 'LOG', 10, 1],
  ]);
  const error = entries[2]!;
  assert.equal(error.message, 'deadlock detected');
  assert.equal(
    error.detail,
    'Process 16292 waits for ShareLock on transaction 18020; blocked by process 16287.\n' +
      'Process 16287 waits for ShareLock on transaction 18014; blocked by process 16292.\n' +
      'Process 16292: UPDATE spree_variants SET count_on_hand = 1 WHERE id = 25;\n' +
      'Process 16287: UPDATE spree_variants SET count_on_hand = 2 WHERE id = 2;',
  );
  assert.equal(error.hint, 'See server log for query details.');
  assert.equal(error.context, 'while updating tuple (17,86) in relation "spree_variants"');
  assert.equal(error.statement, 'UPDATE spree_variants SET count_on_hand = 1 WHERE id = 25;');
  assert.equal(error.ts, '2026-11-26T16:40:01.101Z');
  assert.equal(error.user_name, 'app');
  assert.equal(error.database_name, 'shop');
  // Line accounting: every line is in exactly one entry.
  assert.equal(entries.reduce((n, e) => n + e.lineCount, 0), DEADLOCK.split('\n').length);
});

test('multi-line statement continues the STATEMENT field', () => {
  const { entries } = parse('%m [%p] ', [
    '2026-11-26 16:40:00.000 UTC [7] LOG:  duration: 12.000 ms  statement: SELECT a,',
    '\t       b',
    '\t\t  FROM t',
    '\t WHERE x = 1',
  ].join('\n'));
  assert.equal(entries.length, 1);
  // One TAB per line is stderr's own marker; the query's own indentation stays.
  assert.equal(entries[0]!.message, 'duration: 12.000 ms  statement: SELECT a,\n       b\n\t  FROM t\n WHERE x = 1');
  assert.equal(entries[0]!.lineCount, 4);
});

test('unprefixed lines and orphan secondaries are kept as unparsed', () => {
  const { entries, unparsed } = parse('%m [%p] ', [
    '2026-11-26 16:40:00.000 UTC [7] DETAIL:  orphan from before the file started',
    'TopMemoryContext: 68704 total in 5 blocks; 15768 free (9 chunks); 52936 used',
    '  TopTransactionContext: 8192 total in 1 blocks; 7744 free (1 chunks); 448 used',
    '2026-11-26 16:40:00.001 UTC [7] ERROR:  out of memory',
    '2026-11-26 16:40:00.001 UTC [7] DETAIL:  Failed on request of size 8 in memory context "ExprContext".',
  ].join('\n'));
  assert.deepEqual(unparsed.map((u) => [u.line, u.reason]), [[1, 'orphan-secondary'], [2, 'no-prefix'], [3, 'no-prefix']]);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.detail, 'Failed on request of size 8 in memory context "ExprContext".');
});

test('verbose error verbosity: SQLSTATE before the message and LOCATION', () => {
  const { entries } = parse('%m [%p] ', [
    '2026-11-26 16:40:00.000 UTC [7] ERROR:  40P01: deadlock detected',
    '2026-11-26 16:40:00.000 UTC [7] LOCATION:  DeadLockReport, deadlock.c:1135',
    '2026-11-26 16:40:00.000 UTC [8] LOG:  00000: checkpoint starting: time',
  ].join('\n'));
  assert.deepEqual(entries.map((e) => [e.sqlstate, e.message, e.location]), [
    ['40P01', 'deadlock detected', 'DeadLockReport, deadlock.c:1135'],
    ['00000', 'checkpoint starting: time', undefined],
  ]);
});

test('no pid in the prefix: secondaries attach to the latest primary', () => {
  const { entries } = parse('%t ', [
    '2026-11-26 16:40:00 UTC ERROR:  boom',
    '2026-11-26 16:40:00 UTC STATEMENT:  select boom()',
  ].join('\n'));
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.statement, 'select boom()');
});

test('entries come out in the order they started, even when a later one closes first', () => {
  const lines: string[] = ['2026-11-26 16:40:00.000 UTC [1] LOG:  first'];
  for (let i = 0; i < 50; i++) lines.push(`2026-11-26 16:40:00.000 UTC [2] LOG:  other ${i}`);
  lines.push('2026-11-26 16:40:00.000 UTC [1] DETAIL:  late detail of first');
  const { entries } = parse('%m [%p] ', lines.join('\n'));
  assert.equal(entries[0]!.message, 'first');
  assert.equal(entries[0]!.detail, 'late detail of first');
  assert.deepEqual(entries.map((e) => e.lineStart), [...entries.map((e) => e.lineStart)].sort((a, b) => a - b));
});
