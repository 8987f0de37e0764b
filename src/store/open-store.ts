/** Opening the one-file SQLite evidence store, for writing (ingest) or read-only (everything else). */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { ADDED_COLUMNS, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

export type Store = Database.Database;

export class StoreError extends Error {}

export function openStoreForWriting(path: string): Store {
  // A reader holding the store (a long `sql` query) makes a commit wait, not fail.
  const db = new Database(path, { timeout: 60_000 });
  db.pragma('page_size = 16384');
  // The rows go in under a rollback journal, which records only the pages that existed
  // before each transaction: appended pages are written once, into the store file.
  // WAL writes them twice (the log, then the checkpoint): on the 106 MB bench log the
  // writer spent 0.1-0.25 CPU-seconds more. The phases that read while writing turn WAL
  // on (StoreCore.endRows); close() leaves it again.
  db.pragma('journal_mode = DELETE');
  // The store is derived evidence: it can be rebuilt from the logs, so speed beats durability.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -32768');
  // Checking each entry's file_id against files costs a quarter of the insert. Only
  // this code writes a store, and its tests check the references (foreign_key_check).
  db.pragma('foreign_keys = OFF');
  db.exec(SCHEMA_SQL);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const has = db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
    if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get() as string | undefined;
  if (version === undefined) {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  } else if (Number(version) > SCHEMA_VERSION) {
    db.close();
    throw new StoreError(`${path}: store schema version ${version} is newer than this pgautopsy understands (${SCHEMA_VERSION})`);
  }
  return db;
}

/** Read-only: commands that only look at evidence can never change it. */
export function openStoreReadOnly(path: string): Store {
  if (!existsSync(path)) throw new StoreError(`${path}: no such store (run 'pgautopsy ingest' first, or pass --db)`);
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM entries LIMIT 1').get();
    return db;
  } catch (err) {
    throw new StoreError(`${path}: not a pgautopsy store (${(err as Error).message})`);
  }
}

/** Runs `read` on the store opened read-only, and closes it whatever happens. */
export function readStore<T>(path: string, read: (db: Store) => T): T {
  const db = openStoreReadOnly(path);
  try {
    return read(db);
  } finally {
    db.close();
  }
}
