/**
 * `entry_words` (see text-index-schema.ts), rebuilt with the other derived tables.
 * During an ingest the ingest thread builds it in a side file (side-text-index.ts)
 * and the writer copies that file's index in; otherwise (a re-derive, a side build
 * that failed) the writer fills it itself, in one INSERT … SELECT: SQLite reads and
 * tokenises the text without a value crossing into JavaScript. Mirrors are left out,
 * as everywhere events are listed.
 */
import Database from 'better-sqlite3';
import type { Deriver } from '../deriver.js';
import { NOT_MIRRORED_SQL } from '../mirror-files.js';
import { INDEXED_TEXT_SQL, TEXT_INDEX_SCHEMA } from './text-index-schema.js';

export function fillTextIndex(db: Database.Database): void {
  db.exec(`INSERT INTO entry_words (rowid, text)
           SELECT id, ${INDEXED_TEXT_SQL} FROM entries WHERE ${NOT_MIRRORED_SQL}`);
}

/** An FTS5 index is its shadow tables: these two hold the words' lists and their directory. */
const SHADOW_TABLES = ['entry_words_data', 'entry_words_idx'] as const;

/**
 * Replaces the (empty) index's content with the side file's, when the side file
 * indexed as many entries as the pass derived from; false otherwise, and nothing
 * is changed. The shadow tables are read-only to SQL (SQLite's defensive mode),
 * hence the unsafe mode, for these statements only. ATTACH is refused inside a
 * transaction, so the rows go through JavaScript: a few thousand pages.
 */
export function copyTextIndex(db: Database.Database, path: string, entries: number): boolean {
  const side = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const indexed = side.prepare('SELECT entries FROM indexed').pluck().get() as number | undefined;
    if (indexed !== entries) return false;
    db.unsafeMode(true);
    try {
      for (const table of SHADOW_TABLES) {
        db.exec(`DELETE FROM ${table}`);
        const columns = side.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().length;
        const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array(columns).fill('?').join(', ')})`);
        for (const row of side.prepare(`SELECT * FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) insert.run(row);
      }
    } finally {
      db.unsafeMode(false);
    }
    return true;
  } finally {
    side.close();
  }
}

export const textIndexDeriver: Deriver = {
  name: 'entry_words',
  tables: ['entry_words'],
  schema: TEXT_INDEX_SCHEMA,
  start(db) {
    let entries = 0;
    return {
      push() {
        entries++;
      },
      finish(prepared) {
        if (prepared.textIndex !== undefined && copyTextIndex(db, prepared.textIndex, entries)) return;
        fillTextIndex(db);
      },
    };
  },
};
