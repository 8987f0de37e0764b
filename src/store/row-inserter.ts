/**
 * Inserts packed rows (see entry-rows.ts) with as few SQLite calls as possible:
 * consecutive rows of the same shape share one multi-row INSERT that binds only
 * their non-NULL columns. Most log lines are alike (a pgbench log is one shape),
 * and binding a value costs about as much as inserting the row.
 */
import type Database from 'better-sqlite3';
import type { Cell } from './entry-rows.js';

const ROWS_PER_STATEMENT = 16;

export interface RowInserter {
  /** Inserts every packed row of `rows`; returns how many. */
  insert(rows: readonly Cell[]): number;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function createRowInserter(db: Database.Database, table: string, columns: readonly string[]): RowInserter {
  const statements = new Map<number, Database.Statement>();

  function statement(mask: number, count: number): Database.Statement {
    const key = mask * ROWS_PER_STATEMENT + (count - 1);
    let st = statements.get(key);
    if (!st) {
      const present = columns.filter((_, c) => (mask & (1 << c)) !== 0);
      const tuple = `(${present.map(() => '?').join(', ')})`;
      st = db.prepare(`INSERT INTO ${table} (${present.join(', ')}) VALUES ${Array(count).fill(tuple).join(', ')}`);
      statements.set(key, st);
    }
    return st;
  }

  return {
    insert(rows) {
      let inserted = 0;
      let i = 0;
      while (i < rows.length) {
        const mask = rows[i] as number;
        const width = bitCount(mask);
        // Gather the following rows of the same shape.
        const args: Cell[] = [];
        let count = 0;
        while (count < ROWS_PER_STATEMENT && i < rows.length && rows[i] === mask) {
          for (let k = 1; k <= width; k++) args.push(rows[i + k]!);
          i += width + 1;
          count++;
        }
        statement(mask, count).run(args);
        inserted += count;
      }
      return inserted;
    },
  };
}
