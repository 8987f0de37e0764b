/**
 * The full-text index `entry_words`: built on the ingest thread in a side file and
 * copied in by the writer, it gives the same entries for every word as the writer
 * filling it itself; a side file built from other entries is not copied, and one that
 * cannot be made leaves the writer to index the entries itself.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { beginDerive } from '../../src/derive/derive-all.js';
import { entryBatches } from '../../src/derive/entry-batches.js';
import { startSideTextIndex } from '../../src/derive/search/side-text-index.js';
import { copyTextIndex, textIndexDeriver } from '../../src/derive/search/text-index-deriver.js';
import { TEXT_INDEX_SCHEMA } from '../../src/derive/search/text-index-schema.js';
import { removeDir, runIngest, tempDir } from '../helpers/run-ingest.js';

const INPUTS = ['samples/run-main', 'samples/off-outage'];
let dir: string;
let store: string;

before(async () => {
  dir = tempDir();
  store = join(dir, 'store.db');
  // The real ingest: a writer thread, the side index built on this thread.
  (await runIngest(INPUTS, { dbPath: store })).db.close();
});
after(() => removeDir(dir));

/** For each of the index's words, the entries holding it, in id order. */
function postings(path: string): Map<string, number[]> {
  const db = new Database(path, { readonly: true });
  try {
    db.exec(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'entry_words', 'row')`);
    const words = db.prepare('SELECT term FROM temp.v').pluck().all() as string[];
    const ids = db.prepare(`SELECT rowid FROM entry_words WHERE entry_words MATCH ? ORDER BY rowid`).pluck();
    return new Map(words.map((w) => [w, ids.all(`"${w}"`) as number[]]));
  } finally {
    db.close();
  }
}

/** Re-derives only the text index of the store at `path`, offering it `side` to copy. */
function rederive(path: string, side: string | undefined): void {
  const db = new Database(path);
  try {
    const session = beginDerive(db, [textIndexDeriver]);
    for (const batch of entryBatches(path)) session.push(batch);
    session.finish(side === undefined ? {} : { textIndex: side });
    db.exec(`INSERT INTO entry_words (entry_words) VALUES ('integrity-check')`);
  } finally {
    db.close();
  }
}

function copyOf(path: string, name: string): string {
  const to = join(dir, name);
  const db = new Database(path, { readonly: true });
  db.exec(`VACUUM INTO '${to}'`);
  db.close();
  return to;
}

test('the ingest leaves no side file behind, and its index passes FTS5\'s integrity check', () => {
  assert.deepEqual(readdirSync(dirname(store)).filter((f) => f.endsWith('-words')), []);
  const db = new Database(store);
  db.exec(`INSERT INTO entry_words (entry_words) VALUES ('integrity-check')`);
  db.close();
});

test('the index copied from the side file holds what the writer would have written', () => {
  const filled = copyOf(store, 'filled.db');
  rederive(filled, undefined);
  const got = postings(store);
  assert.ok(got.size > 1000, `${got.size} words`);
  assert.deepEqual(got, postings(filled));
});

test('a side file built from other entries is not copied: the writer indexes the entries itself', async () => {
  const other = join(dir, 'other.db');
  (await runIngest(['samples/run-main/02-deadlock-3proc.log'], { dbPath: other })).db.close();
  const side = startSideTextIndex(other);
  const sidePath = side.finish();
  assert.ok(sidePath !== undefined && existsSync(sidePath));
  const target = copyOf(store, 'target.db');
  rederive(target, sidePath);
  side.discard();
  assert.deepEqual(postings(target), postings(store));
});

test('copyTextIndex copies a side file of as many entries as derived, and only such a file', () => {
  const target = copyOf(store, 'copied.db');
  const side = startSideTextIndex(target);
  const sidePath = side.finish()!;
  const db = new Database(target);
  const entries = db.prepare(`SELECT count(*) FROM entries WHERE file_id NOT IN (SELECT id FROM files WHERE mirror_of IS NOT NULL)`).pluck().get() as number;
  db.exec(`DROP TABLE entry_words; ${TEXT_INDEX_SCHEMA}`);
  assert.equal(copyTextIndex(db, sidePath, entries + 1), false);
  assert.equal(db.prepare(`SELECT count(*) FROM entry_words WHERE entry_words MATCH '"deadlock"'`).pluck().get(), 0, 'nothing copied');
  assert.equal(copyTextIndex(db, sidePath, entries), true);
  db.close();
  side.discard();
  assert.equal(existsSync(sidePath), false);
  assert.deepEqual(postings(target), postings(store));
});

test('when the side file cannot be made, the ingest still indexes every entry (the writer does it) and leaves the path alone', async () => {
  const own = tempDir(); // apart: the first test looks for side files left beside the store
  const other = join(own, 'blocked.db');
  // A directory where the side file would go: it can be neither removed nor opened.
  mkdirSync(`${other}-words`);
  writeFileSync(join(`${other}-words`, 'keep'), 'not ours');
  (await runIngest(INPUTS, { dbPath: other })).db.close();
  assert.deepEqual(postings(other), postings(store));
  assert.equal(readFileSync(join(`${other}-words`, 'keep'), 'utf8'), 'not ours');
  removeDir(own);
});
