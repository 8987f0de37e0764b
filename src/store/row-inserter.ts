/**
 * Inserts flat rows with as few SQLite calls as possible: consecutive rows with the
 * same set of non-NULL columns share one multi-row INSERT that binds only those
 * columns. Most log lines are alike (a pgbench log is one shape), and binding a
 * value costs about as much as the insert itself, so this halves the cost of a row.
 */
import type Database from 'better-sqlite3';
import type { Cell } from './entry-rows.js';

const ROWS_PER_STATEMENT = 16;

export interface RowInserter {
  insert(rows: readonly Cell[]): void;
}

export function createRowInserter(db: Database.Database, table: string, columns: readonly string[]): RowInserter {
  const width = columns.length;
  const statements = new Map<string, Database.Statement>();

  function statement(mask: bigint, present: number[], count: number): Database.Statement {
    const key = `${mask}:${count}`;
    let st = statements.get(key);
    if (!st) {
      const tuple = `(${present.map(() => '?').join(', ')})`;
      st = db.prepare(
        `INSERT INTO ${table} (${present.map((i) => columns[i]).join(', ')}) VALUES ${Array(count).fill(tuple).join(', ')}`,
      );
      statements.set(key, st);
    }
    return st;
  }

  return {
    insert(rows) {
      const total = rows.length / width;
      let r = 0;
      while (r < total) {
        // The shape of row r: which columns are present.
        const base = r * width;
        let mask = 0n;
        const present: number[] = [];
        for (let c = 0; c < width; c++) {
          if (rows[base + c] !== null) {
            mask |= 1n << BigInt(c);
            present.push(c);
          }
        }
        // How many following rows share it.
        let count = 1;
        while (count < ROWS_PER_STATEMENT && r + count < total && sameShape(rows, (r + count) * width, width, present)) count++;
        const args: Cell[] = new Array(present.length * count);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const b = (r + i) * width;
          for (const c of present) args[k++] = rows[b + c]!;
        }
        statement(mask, present, count).run(args);
        r += count;
      }
    },
  };
}

function sameShape(rows: readonly Cell[], base: number, width: number, present: readonly number[]): boolean {
  let p = 0;
  for (let c = 0; c < width; c++) {
    const isPresent = rows[base + c] !== null;
    if (isPresent !== (present[p] === c)) return false;
    if (isPresent) p++;
  }
  return true;
}
