/** A store at rest is one file: after an ingest, and after reading it, nothing lies beside it. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readStore } from '../../src/store/open-store.js';
import { removeDir, runIngest, tempDir } from '../helpers/run-ingest.js';

test('after an ingest and a read, the folder holds the store alone', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'store.db');
    (await runIngest(['samples/run-main/01-deadlock-2proc.log'], { dbPath: path })).db.close();
    assert.deepEqual(readdirSync(dir), ['store.db']);
    const n = readStore(path, (db) => db.prepare('SELECT count(*) FROM entries').pluck().get() as number);
    assert.ok(n > 0);
    assert.deepEqual(readdirSync(dir), ['store.db'], 'a read-only reader left nothing behind');
    (await runIngest(['samples/run-main/02-deadlock-3proc.log'], { dbPath: path })).db.close();
    assert.deepEqual(readdirSync(dir), ['store.db'], 'a second ingest into it neither');
  } finally {
    removeDir(dir);
  }
});
