/** A backend's transaction read back from its lines: where it began, and its last statements. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { storeOfLines } from '../helpers/run-ingest.js';
import { transactionSoFar } from '../../src/analyze/transactions/transaction-so-far.js';

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
