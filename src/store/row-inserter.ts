/**
 * Inserts packed rows (see entry-rows.ts) with as few values bound as possible.
 * Binding a value from JavaScript costs about as much as SQLite storing it, so:
 * - consecutive rows of the same shape share one multi-row INSERT that binds only
 *   their non-NULL columns (most log lines are alike: a pgbench log is one shape);
 * - a column whose value is the same in every row of such a run (the file, the
 *   severity, the user, the database, the kind…) is bound once for the run.
 */
import type Database from 'better-sqlite3';
import { bitCount, type Cell } from './entry-rows.js';

const ROWS_PER_STATEMENT = 32;
/** Shapes × shared columns × run lengths is unbounded in theory; a log has a handful. */
const MAX_STATEMENTS = 2000;

export interface RowInserter {
  /** Inserts every packed row of `rows`; returns how many. */
  insert(rows: readonly Cell[]): number;
}

/**
 * The INSERT for `count` rows with the columns of `mask`; `shared` marks (by position
 * among those columns) the ones bound once. Anonymous parameters are numbered in
 * text order, so the shared values come first, then each row's own, row by row; the
 * single VALUES scan keeps the rows (and so their ids) in the order given.
 *
 * OR FAIL: a statement that inserts several rows and may abort on a constraint
 * (entries has NOT NULL columns) gets a statement journal, to undo its first rows if
 * a later one fails. SQLite wrote the table's last page into it, a temporary file, at
 * every statement: 85 MB for the 106 MB bench log, and the writer thread took 9 %
 * longer. Without it, a failed statement keeps the rows before the failure; the
 * ingest stops on the error anyway, and the next one discards the file left
 * half-ingested.
 */
function insertSql(table: string, present: readonly string[], shared: number, count: number): string {
  const own = present.filter((_, k) => (shared & (1 << k)) === 0);
  const tuple = `(${own.map(() => '?').join(', ')})`;
  const values = `VALUES ${Array(count).fill(tuple).join(', ')}`;
  if (shared === 0) return `INSERT OR FAIL INTO ${table} (${present.join(', ')}) ${values}`;
  let n = 0;
  const select = present.map((_, k) => ((shared & (1 << k)) !== 0 ? '?' : `column${++n}`));
  return `INSERT OR FAIL INTO ${table} (${present.join(', ')}) SELECT ${select.join(', ')} FROM (${values})`;
}

export function createRowInserter(db: Database.Database, table: string, columns: readonly string[]): RowInserter {
  const statements = new Map<string, Database.Statement>();

  function statement(mask: number, shared: number, count: number): Database.Statement {
    const key = `${mask} ${shared} ${count}`;
    let st = statements.get(key);
    if (!st) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      const present = columns.filter((_, c) => (mask & (1 << c)) !== 0);
      st = db.prepare(insertSql(table, present, shared, count));
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
        const stride = width + 1;
        // The run: the following rows of the same shape.
        let end = i;
        let count = 0;
        while (count < ROWS_PER_STATEMENT && end < rows.length && rows[end] === mask) {
          end += stride;
          count++;
        }
        // Columns equal all along the run; one column stays per row, so VALUES has one.
        let shared = 0;
        if (count > 1) {
          for (let k = 1; k <= width; k++) {
            const v = rows[i + k];
            let same = true;
            for (let at = i + stride + k; at < end; at += stride) {
              if (rows[at] !== v) {
                same = false;
                break;
              }
            }
            if (same) shared |= 1 << (k - 1);
          }
          if (shared === (1 << width) - 1) shared &= shared - 1;
        }
        const args: Cell[] = [];
        for (let k = 1; k <= width; k++) if ((shared & (1 << (k - 1))) !== 0) args.push(rows[i + k]!);
        for (let at = i; at < end; at += stride) {
          for (let k = 1; k <= width; k++) if ((shared & (1 << (k - 1))) === 0) args.push(rows[at + k]!);
        }
        // Spread, not an array: better-sqlite3 reads an array through a generic element
        // lookup per value, and arguments directly (the writer spent 6 % less inserting).
        statement(mask, shared, count).run(...args);
        inserted += count;
        i = end;
      }
      return inserted;
    },
  };
}
