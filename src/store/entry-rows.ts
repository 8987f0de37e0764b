/**
 * Entries travel to the store as packed rows: a bit mask of the columns that have a
 * value, then those values in ENTRY_COLUMNS order. Most columns of most entries are
 * NULL, so this ships a third of the values a full row would, and the inserter gets
 * each row's shape without looking at it.
 */
import type { LogEntry } from '../parse/log-entry.js';

export const ENTRY_COLUMNS = [
  'file_id', 'line_start', 'line_count', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint',
  'context', 'statement', 'internal_query', 'location', 'user_name', 'database_name', 'application_name',
  'client', 'session_id', 'session_line', 'session_start', 'xid', 'vxid', 'backend_type', 'query_id',
  'command_tag', 'leader_pid', 'kind', 'family',
] as const;

export type Cell = string | number | null;

/** Appends one packed row: `[mask, ...values]`. */
export function pushPackedRow(out: Cell[], values: readonly (string | number | undefined)[]): void {
  const at = out.length;
  out.push(0);
  let mask = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === undefined) continue;
    mask |= 1 << c;
    out.push(v);
  }
  out[at] = mask;
}

/** Appends one entry as a packed row (written out for speed: this runs once per entry). */
export function pushEntryRow(out: Cell[], fileId: number, e: LogEntry): void {
  const at = out.length;
  out.push(0, fileId, e.lineStart, e.lineCount);
  let mask = 0b111;
  const add = (bit: number, v: string | number | undefined): void => {
    if (v === undefined) return;
    mask |= bit;
    out.push(v);
  };
  add(1 << 3, e.ts);
  add(1 << 4, e.pid);
  add(1 << 5, e.severity);
  add(1 << 6, e.sqlstate);
  add(1 << 7, e.message);
  add(1 << 8, e.detail);
  add(1 << 9, e.hint);
  add(1 << 10, e.context);
  add(1 << 11, e.statement);
  add(1 << 12, e.internal_query);
  add(1 << 13, e.location);
  add(1 << 14, e.user_name);
  add(1 << 15, e.database_name);
  add(1 << 16, e.application_name);
  add(1 << 17, e.client);
  add(1 << 18, e.session_id);
  add(1 << 19, e.session_line);
  add(1 << 20, e.session_start);
  add(1 << 21, e.xid === undefined ? undefined : Number(e.xid));
  add(1 << 22, e.vxid);
  add(1 << 23, e.backend_type);
  add(1 << 24, e.query_id);
  add(1 << 25, e.command_tag);
  add(1 << 26, e.leader_pid);
  add(1 << 27, e.kind);
  add(1 << 28, e.family);
  out[at] = mask;
}
