/**
 * Rows buffered and written through the store's row inserter: NULLs are not bound,
 * values equal all along a run of rows are bound once, 32 rows to an INSERT. For a
 * narrow row the native call and the binding are most of the price.
 */
import type Database from 'better-sqlite3';
import { pushPackedRow, type Cell } from '../../store/entry-rows.js';
import { createRowInserter } from '../../store/row-inserter.js';

export interface BatchInsert {
  add(...values: Cell[]): void;
  /** Writes the rows still buffered. */
  flush(): void;
}

const BATCH = 1024;

export function createBatchInsert(db: Database.Database, table: string, columns: readonly string[]): BatchInsert {
  const inserter = createRowInserter(db, table, columns);
  let rows: Cell[] = [];
  let count = 0;
  const batch = {
    add(...values: Cell[]) {
      if (values.length !== columns.length) throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
      pushPackedRow(rows, values);
      if (++count === BATCH) batch.flush();
    },
    flush() {
      if (count === 0) return;
      inserter.insert(rows);
      rows = [];
      count = 0;
    },
  };
  return batch;
}
