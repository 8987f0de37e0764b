/** Transaction-control statements, as logged: what each does to its backend's transaction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transactionControl } from '../../src/analyze/transactions/transaction-control.js';

test('transaction-control statements are told apart from the others, and named by their keywords only', () => {
  const cases: Array<[string, string | undefined]> = [
    ['BEGIN', 'begin BEGIN'],
    ['begin;', 'begin BEGIN'],
    ['BEGIN ISOLATION LEVEL SERIALIZABLE', 'begin BEGIN'],
    ['START TRANSACTION READ ONLY', 'begin START TRANSACTION'],
    ['start   transaction', 'begin START TRANSACTION'],
    ['/* app:jobs */ BEGIN', 'begin BEGIN'],
    ['COMMIT', 'end COMMIT'],
    ['commit and chain', 'end COMMIT'],
    ['END', 'end END'],
    ['ROLLBACK', 'end ROLLBACK'],
    ['ROLLBACK WORK', 'end ROLLBACK'],
    ['ABORT', 'end ABORT'],
    ["PREPARE TRANSACTION 'tx1'", 'end PREPARE TRANSACTION'],
    ['ROLLBACK TO SAVEPOINT active_record_1', 'rollback_to ROLLBACK TO'],
    ['rollback to s1', 'rollback_to ROLLBACK TO'],
    ['ROLLBACK TRANSACTION TO SAVEPOINT s1', 'rollback_to ROLLBACK TRANSACTION TO'],
    ["COMMIT PREPARED 'tx1'", undefined],
    ["ROLLBACK PREPARED 'tx1'", undefined],
    ['SAVEPOINT s1', undefined],
    ['RELEASE SAVEPOINT s1', undefined],
    ['UPDATE t SET committed = true', undefined],
    ['BEGINNING', undefined],
    ["DO $$ BEGIN PERFORM 1; END $$", undefined],
    ['ENDPOINT', undefined],
    ['', undefined],
  ];
  for (const [statement, expected] of cases) {
    const c = transactionControl(statement);
    assert.equal(c === undefined ? undefined : `${c.effect} ${c.keywords}`, expected, statement);
  }
});
