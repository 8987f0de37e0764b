import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executionsOf, type StatementLine } from '../../src/analyze/transactions/statement-executions.js';

/** A line: [ms past 10:00:00, kind, severity, STATEMENT field, message]. */
type Row = [number, string, string, string | null, string];

const lines = (rows: Row[]): StatementLine[] =>
  rows.map(([ms, kind, severity, statement, message], i) => ({
    entry_id: i + 1,
    ts: `2026-11-26T10:00:${String(ms / 1000).padStart(2, '0')}Z`,
    kind,
    severity,
    statement,
    message,
  }));

const UPD = 'UPDATE variants SET n = n - 1 WHERE id = 4;';
const waiting = (s: string): Row => [0, 'lock_wait', 'LOG', s, 'process 9 still waiting for ShareLock on transaction 7 after 200.000 ms'];

const cases: Array<{ name: string; rows: Row[]; expected: Array<[number, string]> }> = [
  {
    name: 'still waiting, acquired and the duration of one statement: one execution, shown by its duration',
    rows: [waiting(UPD), [1, 'lock_acquired', 'LOG', UPD, 'process 9 acquired ShareLock on transaction 7 after 400.000 ms'], [2, 'duration', 'LOG', null, `duration: 401.000 ms  statement: ${UPD}`]],
    expected: [[3, `duration: 401.000 ms  statement: ${UPD}`]],
  },
  {
    name: "a deadlock's LOG and ERROR of the same statement: one execution",
    rows: [[5, 'deadlock_detected_wait', 'LOG', UPD, 'process 9 detected deadlock while waiting for ShareLock'], [5, 'deadlock', 'ERROR', UPD, 'deadlock detected']],
    expected: [[1, UPD]],
  },
  {
    name: 'the same statement run twice, each with its duration: two executions',
    rows: [[1, 'duration', 'LOG', null, `duration: 1.000 ms  statement: ${UPD}`], [2, 'duration', 'LOG', null, `duration: 2.000 ms  statement: ${UPD}`]],
    expected: [[1, `duration: 1.000 ms  statement: ${UPD}`], [2, `duration: 2.000 ms  statement: ${UPD}`]],
  },
  {
    name: 'the same statement failing, then retried: two executions',
    rows: [[1, 'deadlock', 'ERROR', UPD, 'deadlock detected'], waiting(UPD)],
    expected: [[1, UPD], [2, UPD]],
  },
  {
    name: 'log_statement lines open an execution, and a bare duration closes the one before it',
    rows: [
      [1, 'statement_logged', 'LOG', null, 'statement: BEGIN;'],
      [2, 'duration', 'LOG', null, 'duration: 0.010 ms'],
      [3, 'statement_logged', 'LOG', null, `statement: ${UPD}`],
      [4, 'statement_logged', 'LOG', null, `statement: ${UPD}`],
      [5, 'duration', 'LOG', null, 'duration: 3.000 ms'],
      [6, 'duration', 'LOG', null, 'duration: 4.000 ms'],
    ],
    expected: [[1, 'statement: BEGIN;  (duration: 0.010 ms)'], [3, `statement: ${UPD}`], [4, `statement: ${UPD}  (duration: 3.000 ms)`], [6, 'duration: 4.000 ms']],
  },
  {
    name: 'a STATEMENT field and a duration line differing only in white space are the same statement',
    rows: [waiting('UPDATE variants\n\tSET n = n - 1 WHERE id = 4;'), [1, 'duration', 'LOG', null, `duration: 9.000 ms  statement: ${UPD}`]],
    expected: [[2, `duration: 9.000 ms  statement: ${UPD}`]],
  },
  {
    name: 'different statements stay apart',
    rows: [waiting(UPD), waiting('SELECT 1;'), waiting(UPD)],
    expected: [[1, UPD], [2, 'SELECT 1;'], [3, UPD]],
  },
];

for (const c of cases) {
  test(`statement executions: ${c.name}`, () => {
    assert.deepEqual(executionsOf(lines(c.rows)).map((s) => [s.entry_id, s.text]), c.expected);
  });
}
