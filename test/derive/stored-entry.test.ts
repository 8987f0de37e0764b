/**
 * Entries reach the derivers exactly as stored: every column, in time order, through the JSON rows of
 * entryBatches, statement lines with their text's shape.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { beginDerive } from '../../src/derive/derive-all.js';
import type { Deriver, StoredEntry } from '../../src/derive/deriver.js';
import { entryBatches } from '../../src/derive/entry-batches.js';
import { STATEMENT_LINE_KINDS, statementLineText } from '../../src/derive/statements/statement-entry.js';
import { createShaper } from '../../src/derive/statements/statement-shaper.js';
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
      for (const batch of entryBatches(path, { shaper: createShaper() })) session.push(batch);
      session.finish();
      const stored = db.prepare(`SELECT ${KEYS.join(', ')} FROM entries ORDER BY ts, id`).all() as StoredEntry[];
      db.close();
      assert.ok(stored.length > 20);
      assert.ok(stored.some((e) => e.statement !== null && e.detail !== null));
      assert.equal(seen.length, stored.length);
      const shaper = createShaper();
      for (let i = 0; i < stored.length; i++) {
        const { statementShape, ...columns } = seen[i]!;
        assert.deepEqual(columns, { ...stored[i] }, `entry ${stored[i]!.id}`);
        // A statement line comes with its text's shape, worked out by the reading side.
        const text = STATEMENT_LINE_KINDS.includes(columns.kind) ? statementLineText(columns.kind, columns.message) : null;
        assert.deepEqual(statementShape, text === null ? undefined : shaper.shape(text), `entry ${stored[i]!.id}'s shape`);
      }
      assert.ok(seen.some((e) => e.statementShape !== undefined), 'statement lines');
    } finally {
      removeDir(dir);
    }
  });
}
