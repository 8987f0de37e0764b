/**
 * Fills `entry_words` (see text-index-schema.ts) once the other derivers are done, in
 * one INSERT … SELECT: SQLite reads and tokenises the text itself, without a value
 * crossing into JavaScript. Mirrors are left out, as everywhere events are listed.
 */
import type Database from 'better-sqlite3';
import type { Deriver } from '../deriver.js';
import { NOT_MIRRORED_SQL } from '../mirror-files.js';
import { TEXT_INDEX_SCHEMA } from './text-index-schema.js';

export function fillTextIndex(db: Database.Database): void {
  db.exec(`INSERT INTO entry_words (rowid, text)
           SELECT id, concat_ws(' ', message, statement, detail) FROM entries WHERE ${NOT_MIRRORED_SQL}`);
}

export const textIndexDeriver: Deriver = {
  name: 'entry_words',
  tables: ['entry_words'],
  schema: TEXT_INDEX_SCHEMA,
  start(db) {
    return {
      push() {},
      finish: () => fillTextIndex(db),
    };
  },
};
