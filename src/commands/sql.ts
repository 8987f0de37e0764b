/**
 * `pgautopsy sql "SELECT …"`: the user's own questions, read-only. The store is opened
 * read-only, and a statement that would change anything is refused before it runs:
 * writes, ATTACH/DETACH (reading or creating other files), and PRAGMA assignments.
 */
import type { Writable } from 'node:stream';
import { readStore } from '../store/open-store.js';
import { textTable } from '../util/text-table.js';
import { UsageError } from './errors.js';

export interface SqlOptions {
  db: string;
  json: boolean;
  csv: boolean;
}

const FORBIDDEN = /^(?:ATTACH|DETACH)\b/i;
const PRAGMA_WRITE = /^PRAGMA\b[^;]*=/i;
/** Leading blanks and comments, which would hide the statement's first word. */
const LEADING = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function sqlCommand(query: string, opts: SqlOptions, out: Writable): number {
  const head = query.replace(LEADING, '');
  if (FORBIDDEN.test(head) || PRAGMA_WRITE.test(head)) {
    throw new UsageError('sql is read-only: ATTACH, DETACH and PRAGMA assignments are refused');
  }
  return readStore(opts.db, (db) => {
    let statement;
    try {
      statement = db.prepare(query);
    } catch (err) {
      throw new UsageError(`sql: ${(err as Error).message}`);
    }
    if (!statement.readonly) throw new UsageError('sql is read-only: statements that change the store (INSERT, UPDATE, DELETE, DROP, CREATE, ...) are refused');
    if (!statement.reader) {
      statement.run();
      return 0;
    }
    let rows: Array<Record<string, unknown>>;
    try {
      rows = statement.all() as Array<Record<string, unknown>>;
    } catch (err) {
      throw new UsageError(`sql: ${(err as Error).message}`);
    }
    const columns = statement.columns().map((c) => c.name);
    if (opts.json) out.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (opts.csv) out.write(`${[columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`);
    else {
      const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]).replace(/\s+/g, ' '))));
      out.write(`${textTable(columns, cells)}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
    }
    return rows.length;
  });
}
