/**
 * The rows go in under a rollback journal (each page written once, into the store
 * file); endRows() turns WAL on for the phases where another connection reads the
 * store while the writer writes.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openStoreForWriting, type Store } from '../../src/store/open-store.js';
import { createStoreCore, type StoreCore } from '../../src/store/store-core.js';
import { packEntries } from '../../src/store/entry-rows.js';
import type { LogEntry } from '../../src/parse/log-entry.js';
import { removeDir, tempDir } from '../helpers/run-ingest.js';

function addFile(core: StoreCore, name: string, n: number): void {
  const fileId = core.beginFile(name);
  const entries: LogEntry[] = [];
  for (let i = 0; i < n; i++) entries.push({ lineStart: i + 1, lineCount: 1, ts: '2026-11-26T17:00:00.000Z', pid: 7, severity: 'LOG', message: `entry ${i}` });
  core.insertEntries(packEntries(fileId, entries));
  core.finishFile(fileId, { hash: name, bytes: 1, lines: n, entries: n, unparsed: 0, firstTs: null, lastTs: null, error: null });
}

const mode = (db: Store): unknown => db.pragma('journal_mode', { simple: true });
const count = (db: Database.Database): unknown => db.prepare('SELECT count(*) FROM entries').pluck().get();

/** A new store with a file of 300 entries written, in a folder removed afterwards. */
function withStore(use: (s: { dir: string; path: string; db: Store; core: StoreCore }) => void): void {
  const dir = tempDir();
  try {
    const path = join(dir, 'store.db');
    const db = openStoreForWriting(path);
    const core = createStoreCore(db);
    addFile(core, 'a.log', 300);
    use({ dir, path, db, core });
  } finally {
    removeDir(dir);
  }
}

test('rows are committed under a rollback journal, with no write-ahead log beside the store', () => {
  withStore(({ path, db, core }) => {
    assert.equal(mode(db), 'delete');
    assert.equal(existsSync(`${path}-wal`), false);
    // Committed into the store file itself: another connection sees the rows.
    const reader = new Database(path, { readonly: true });
    assert.equal(count(reader), 300);
    reader.close();
    core.close();
  });
});

test('after endRows() a reader in the middle of a read does not hold up the writer', () => {
  withStore(({ path, db, core }) => {
    // Connected and idle: no lock is held, so it does not stop the change of mode.
    const reader = new Database(path, { readonly: true });
    core.endRows();
    assert.equal(mode(db), 'wal');
    db.pragma('busy_timeout = 50');
    reader.exec('BEGIN');
    assert.equal(count(reader), 300);
    // Under a rollback journal this commit would wait for the reader, then fail with SQLITE_BUSY.
    db.exec("BEGIN; INSERT INTO warnings (path, message) VALUES ('x', 'written while read'); COMMIT");
    assert.equal(count(reader), 300, 'the reader keeps its snapshot');
    reader.exec('COMMIT');
    reader.close();
    core.close();
    assert.equal(existsSync(`${path}-wal`), false, 'at rest the store is one file again');
  });
});

test('a store left in WAL mode (an ingest that died) is opened with the rows of its log, under a rollback journal', () => {
  withStore(({ dir, path, db, core }) => {
    core.endRows();
    db.exec("INSERT INTO warnings (path, message) VALUES ('x', 'only in the log')");
    // What a killed process leaves: the store file and its write-ahead log.
    const left = join(dir, 'left.db');
    copyFileSync(path, left);
    copyFileSync(`${path}-wal`, `${left}-wal`);
    core.close();

    const reopened = openStoreForWriting(left);
    assert.equal(mode(reopened), 'delete');
    assert.equal(count(reopened), 300);
    assert.equal(reopened.prepare('SELECT message FROM warnings').pluck().get(), 'only in the log');
    reopened.close();
    assert.equal(existsSync(`${left}-wal`), false);
  });
});
