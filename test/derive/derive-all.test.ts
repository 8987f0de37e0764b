/**
 * The derive pass as the ingest runs it: begun on the writer's connection, fed the
 * entry batches read through another, and all or nothing when a deriver fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beginDerive, deriveAll } from '../../src/derive/derive-all.js';
import { DERIVERS } from '../../src/derive/derivers.js';
import { entryBatches } from '../../src/derive/entry-batches.js';
import type { Deriver } from '../../src/derive/deriver.js';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

const SAMPLE = 'samples/run-main/02-deadlock-3proc.log';

async function store(): Promise<string> {
  const path = join(tempDir(), 'store.db');
  (await runIngest([SAMPLE], { dbPath: path })).db.close();
  return path;
}

const count = (db: Database.Database, table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

test('batches fed by hand give the same tables as deriveAll', async () => {
  const path = await store();
  const db = new Database(path);
  const before = { deadlocks: count(db, 'deadlocks'), participants: count(db, 'deadlock_participants'), statements: count(db, 'statement_rows') };
  assert.ok(before.deadlocks > 0 && before.statements > 0);
  const session = beginDerive(db, DERIVERS);
  for (const batch of entryBatches(path)) session.push(batch);
  const summary = session.finish();
  assert.equal(summary.entries, count(db, 'entries'));
  assert.deepEqual({ deadlocks: count(db, 'deadlocks'), participants: count(db, 'deadlock_participants'), statements: count(db, 'statement_rows') }, before);
  assert.deepEqual(deriveAll(db, path, DERIVERS), summary);
  db.close();
});

test('a deriver that fails leaves the earlier derived tables as they were, and refuses rows still in flight', async () => {
  const path = await store();
  const db = new Database(path);
  const deadlocks = count(db, 'deadlocks');
  let seen = 0;
  const failing: Deriver = {
    name: 'failing',
    tables: [],
    schema: '',
    start: () => ({
      push() {
        if (++seen === 3) throw new Error('deriver bug');
      },
      finish() {},
    }),
  };
  const session = beginDerive(db, [...DERIVERS, failing]);
  const batches = [...entryBatches(path, undefined, 1)];
  assert.throws(() => batches.forEach((b) => session.push(b)), /deriver bug/);
  assert.equal(db.inTransaction, false);
  assert.equal(count(db, 'deadlocks'), deadlocks, 'the rolled-back pass kept the previous tables');
  assert.throws(() => session.push(batches[3]!), /aborted/);
  assert.throws(() => session.finish(), /aborted/);
  assert.equal(count(db, 'deadlocks'), deadlocks);
  db.close();
});
