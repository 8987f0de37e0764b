/**
 * Appending to a store that has its indexes: a small append keeps them up to date
 * row by row; a big one drops them once it has added a quarter of the rows the store
 * held, and index() builds them again over every row.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStoreForWriting, type Store } from '../../src/store/open-store.js';
import { createStoreCore, type StoreCore } from '../../src/store/store-core.js';
import { packEntries } from '../../src/store/entry-rows.js';
import type { LogEntry } from '../../src/parse/log-entry.js';
import { BULK_INDEXES } from '../../src/store/schema.js';
import { removeDir, tempDir } from '../helpers/run-ingest.js';

function indexes(db: Store): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('entries', 'unparsed') ORDER BY name`)
    .pluck()
    .all() as string[];
}

/** `n` one-line LOG entries of a new file, numbered from `from`. */
function append(core: StoreCore, n: number, from = 0): void {
  const fileId = core.beginFile(`log-${from}`);
  const entries: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const s = String((from + i) % 60).padStart(2, '0');
    entries.push({ lineStart: i + 1, lineCount: 1, ts: `2026-11-26T17:00:${s}.000Z`, pid: 100 + (i % 7), severity: 'LOG', message: `entry ${from + i}` });
  }
  core.insertEntries(packEntries(fileId, entries));
}

test('a small append keeps the indexes; a big one drops them and index() builds them again', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'store.db');
    const all = Object.keys(BULK_INDEXES).sort();
    let db = openStoreForWriting(path);
    let core = createStoreCore(db);
    append(core, 400);
    core.index();
    assert.deepEqual(indexes(db), all);
    core.close();

    db = openStoreForWriting(path);
    core = createStoreCore(db);
    append(core, 99, 400);
    assert.deepEqual(indexes(db), all, 'under a quarter of 400 rows: kept');
    append(core, 1, 499);
    assert.deepEqual(indexes(db), [], 'a quarter reached: dropped');
    append(core, 300, 500);
    core.index();
    assert.deepEqual(indexes(db), all);
    assert.equal(db.prepare('SELECT count(*) FROM entries').pluck().get(), 800);
    // Built over every row, old and new.
    const count = (how: string): unknown => db.prepare(`SELECT count(*) FROM entries ${how} WHERE pid = 100`).pluck().get();
    assert.equal(count('INDEXED BY entries_pid_ts'), count('NOT INDEXED'));
    assert.equal(count('NOT INDEXED'), 117);
    core.close();
  } finally {
    removeDir(dir);
  }
});
