/** Rebuilds every derived table from the stored entries, in one pass in time order. */
import Database from 'better-sqlite3';
import type { Deriver } from './deriver.js';
import { STORED_ENTRY_JSON, storedEntry } from './deriver.js';
import { markMirrorFiles } from './mirror-files.js';

export interface DeriveSummary {
  mirrors: number;
  entries: number;
}

export function deriveAll(db: Database.Database, path: string, derivers: readonly Deriver[]): DeriveSummary {
  const mirrors = markMirrorFiles(db);
  db.transaction(() => {
    for (const d of derivers) {
      for (const t of d.tables) db.exec(`DROP TABLE IF EXISTS ${t}`);
      db.exec(d.schema);
    }
  })();
  // Reading through a second connection lets the derivers write while we iterate.
  const reader = new Database(path, { readonly: true });
  let entries = 0;
  try {
    const rows = reader
      .prepare(
        `SELECT ${STORED_ENTRY_JSON} FROM entries
          WHERE file_id IN (SELECT id FROM files WHERE mirror_of IS NULL)
          ORDER BY ts, id`,
      )
      .pluck(true)
      .iterate() as IterableIterator<string>;
    db.exec('BEGIN');
    const runs = derivers.map((d) => d.start(db));
    for (const row of rows) {
      const e = storedEntry(row);
      entries++;
      for (const run of runs) run.push(e);
    }
    for (const run of runs) run.finish();
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    reader.close();
  }
  return { mirrors, entries };
}
