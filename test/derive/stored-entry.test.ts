/** Entries reach the derivers exactly as stored: every column, in time order, through the JSON rows of entryBatches. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { beginDerive } from '../../src/derive/derive-all.js';
import type { Deriver, StoredEntry } from '../../src/derive/deriver.js';
import { entryBatches } from '../../src/derive/entry-batches.js';
import { removeDir, runIngest, tempDir } from '../helpers/run-ingest.js';

const KEYS: ReadonlyArray<keyof StoredEntry> = [
  'id', 'file_id', 'line_start', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint', 'context', 'statement',
  'internal_query', 'user_name', 'database_name', 'application_name', 'client', 'session_id', 'xid', 'vxid',
  'backend_type', 'query_id', 'kind', 'family',
];

// The csv file fills the columns a stderr prefix leaves empty (session id, backend type, query id…).
for (const sample of ['samples/run-main/02-deadlock-3proc.log', 'samples/off-outage/postgresql.csv']) {
  test(`derivers see every stored column of ${sample}`, async () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'store.db');
      (await runIngest([sample], { dbPath: path })).db.close();
      const db = new Database(path);
      const seen: StoredEntry[] = [];
      const capture: Deriver = { name: 'capture', tables: [], schema: '', start: () => ({ push: (e) => seen.push(e), finish() {} }) };
      const session = beginDerive(db, [capture]);
      for (const batch of entryBatches(path)) session.push(batch);
      session.finish();
      const stored = db.prepare(`SELECT ${KEYS.join(', ')} FROM entries ORDER BY ts, id`).all() as StoredEntry[];
      db.close();
      assert.ok(stored.length > 20);
      assert.ok(stored.some((e) => e.statement !== null && e.detail !== null));
      assert.equal(seen.length, stored.length);
      for (let i = 0; i < stored.length; i++) assert.deepEqual({ ...seen[i] }, { ...stored[i] }, `entry ${stored[i]!.id}`);
    } finally {
      removeDir(dir);
    }
  });
}
