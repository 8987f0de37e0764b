/** A backend's transaction read back from its lines: where it began, and its last statements. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { storeOfLines } from '../helpers/run-ingest.js';
import { transactionEnd, transactionSoFar } from '../../src/analyze/transactions/transaction-so-far.js';

const at = (ms: number) => `2026-11-26 10:${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${(Math.floor(ms / 1000) % 60).toString().padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
const line = (ms: number, text: string) => `${at(ms)} UTC [100] app@shop ${text}`;
const iso = (ms: number) => `${at(ms).replace(' ', 'T')}Z`;

test("a long transaction logged statement by statement: its BEGIN is found however many lines it ran, and only its last statements are listed", async () => {
  const updates = Array.from({ length: 200 }, (_, i) => line(1000 + i * 10, `LOG:  statement: UPDATE t SET v = ${i} WHERE id = ${i};`));
  const path = await storeOfLines([
    line(0, 'LOG:  connection authorized: user=app database=shop application_name=rake'),
    line(100, 'LOG:  statement: UPDATE t SET v = -1 WHERE id = 0;'),
    line(900, 'LOG:  statement: BEGIN'),
    ...updates,
  ]);
  const db = new Database(path, { readonly: true });
  try {
    const since = iso(5000);
    const { start, statements } = transactionSoFar(db, 100, since, since);
    assert.deepEqual({ at: start?.at, what: start?.what, ts: start?.ts }, { at: 'began_with', what: 'BEGIN', ts: iso(900) });
    assert.deepEqual(
      statements.map((s) => s.text),
      [195, 196, 197, 198, 199].map((i) => `statement: UPDATE t SET v = ${i} WHERE id = ${i};`),
    );
    // Asked about a moment before the BEGIN, the session's start bounds the transaction instead.
    const before = transactionSoFar(db, 100, iso(500), iso(500));
    assert.deepEqual({ at: before.start?.at, what: before.start?.what }, { at: 'after', what: 'its session started' });
    assert.deepEqual(before.statements.map((s) => s.text), ['statement: UPDATE t SET v = -1 WHERE id = 0;']);
  } finally {
    db.close();
  }
});

test('how a transaction ended: its COMMIT or ROLLBACK when logged, an error unless a ROLLBACK TO SAVEPOINT follows it, a termination', async () => {
  const path = await storeOfLines([
    line(0, 'LOG:  statement: BEGIN'),
    line(10, 'LOG:  statement: UPDATE t SET v = 1 WHERE id = 1;'),
    line(20, 'LOG:  statement: SAVEPOINT active_record_1'),
    line(30, 'ERROR:  duplicate key value violates unique constraint "t_pkey"'),
    line(30, 'STATEMENT:  INSERT INTO t VALUES (1);'),
    line(40, 'LOG:  statement: ROLLBACK TO SAVEPOINT active_record_1'),
    line(50, 'LOG:  statement: COMMIT'),
    line(60, 'LOG:  statement: BEGIN'),
    line(70, 'ERROR:  duplicate key value violates unique constraint "t_pkey"'),
    line(70, 'STATEMENT:  INSERT INTO t VALUES (1);'),
    line(80, 'LOG:  statement: ROLLBACK'),
    line(90, 'LOG:  statement: BEGIN'),
    line(100, 'FATAL:  terminating connection due to administrator command'),
  ]);
  const db = new Database(path, { readonly: true });
  try {
    const endOf = (since: number) => {
      const end = transactionEnd(db, 100, iso(since), iso(100));
      return end === undefined ? undefined : { how: end.how, ts: end.ts };
    };
    assert.deepEqual(endOf(10), { how: 'ended its transaction (COMMIT)', ts: iso(50) });
    assert.deepEqual(endOf(60), { how: 'failed (ERROR unique_violation), which rolled its transaction back', ts: iso(70) });
    assert.deepEqual(endOf(90), { how: 'terminated by an administrator (pg_terminate_backend)', ts: iso(100) });
    assert.equal(transactionEnd(db, 100, iso(10), iso(25)), undefined);
  } finally {
    db.close();
  }
});
