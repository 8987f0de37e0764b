/** checkpointWal copies a store's committed log pages into its file, from a connection of its own, and never throws. */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { checkpointWal } from '../../src/store/checkpoint-wal.js';
import { removeDir, tempDir } from '../helpers/run-ingest.js';

test('the committed pages reach the store file while the writer keeps a transaction open', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'store.db');
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x TEXT)');
    writer.transaction(() => {
      const insert = writer.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    writer.exec('BEGIN');
    writer.exec(`INSERT INTO t VALUES ('open')`);
    const before = statSync(path).size;
    checkpointWal(path);
    assert.ok(statSync(path).size > before + 500_000, `${before} → ${statSync(path).size}`);
    writer.exec('COMMIT');
    assert.equal(writer.prepare('SELECT count(*) FROM t').pluck().get(), 2001);
    writer.close();
  } finally {
    removeDir(dir);
  }
});

test('a path that is no store is left alone', () => {
  const dir = tempDir();
  try {
    assert.doesNotThrow(() => checkpointWal(join(dir, 'missing.db')));
    assert.doesNotThrow(() => checkpointWal(dir));
  } finally {
    removeDir(dir);
  }
});
