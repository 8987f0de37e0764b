/** Derived tables arrive with newer versions: readers check and fall back to `entries` by kind. */
import type { Store } from './open-store.js';

export function hasTable(db: Store, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?`).get(name) !== undefined;
}

/** Indexes too: a store ingested by an older version may lack one a reader would use. */
export function hasIndex(db: Store, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) !== undefined;
}

/** A column a newer version added to a derived table. */
export function hasColumn(db: Store, table: string, column: string): boolean {
  return db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;
}
