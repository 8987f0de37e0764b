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

/** How many values a packed row with this mask has. */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** Appends one packed row: `[mask, ...values]`; undefined and null are both "no value". */
export function pushPackedRow(out: Cell[], values: readonly (Cell | undefined)[]): void {
  const at = out.length;
  out.push(0);
  let mask = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === undefined || v === null) continue;
    mask |= 1 << c;
    out.push(v);
  }
  out[at] = mask;
}

/**
 * Appends one entry as a packed row, without its kind and family: the writer
 * thread classifies it (classify-rows.ts). Written out in full because it runs once per
 * entry: a helper closure here cost a tenth of the parse thread's time.
 */
export function pushEntryRow(out: Cell[], fileId: number, e: LogEntry): void {
  const at = out.length;
  out.push(0, fileId, e.lineStart, e.lineCount);
  let mask = 0b111;
  if (e.ts !== undefined) { mask |= 1 << 3; out.push(e.ts); }
  if (e.pid !== undefined) { mask |= 1 << 4; out.push(e.pid); }
  if (e.severity !== undefined) { mask |= 1 << 5; out.push(e.severity); }
  if (e.sqlstate !== undefined) { mask |= 1 << 6; out.push(e.sqlstate); }
  if (e.message !== undefined) { mask |= 1 << 7; out.push(e.message); }
  if (e.detail !== undefined) { mask |= 1 << 8; out.push(e.detail); }
  if (e.hint !== undefined) { mask |= 1 << 9; out.push(e.hint); }
  if (e.context !== undefined) { mask |= 1 << 10; out.push(e.context); }
  if (e.statement !== undefined) { mask |= 1 << 11; out.push(e.statement); }
  if (e.internal_query !== undefined) { mask |= 1 << 12; out.push(e.internal_query); }
  if (e.location !== undefined) { mask |= 1 << 13; out.push(e.location); }
  if (e.user_name !== undefined) { mask |= 1 << 14; out.push(e.user_name); }
  if (e.database_name !== undefined) { mask |= 1 << 15; out.push(e.database_name); }
  if (e.application_name !== undefined) { mask |= 1 << 16; out.push(e.application_name); }
  if (e.client !== undefined) { mask |= 1 << 17; out.push(e.client); }
  if (e.session_id !== undefined) { mask |= 1 << 18; out.push(e.session_id); }
  if (e.session_line !== undefined) { mask |= 1 << 19; out.push(e.session_line); }
  if (e.session_start !== undefined) { mask |= 1 << 20; out.push(e.session_start); }
  if (e.xid !== undefined) { mask |= 1 << 21; out.push(Number(e.xid)); }
  if (e.vxid !== undefined) { mask |= 1 << 22; out.push(e.vxid); }
  if (e.backend_type !== undefined) { mask |= 1 << 23; out.push(e.backend_type); }
  if (e.query_id !== undefined) { mask |= 1 << 24; out.push(e.query_id); }
  if (e.command_tag !== undefined) { mask |= 1 << 25; out.push(e.command_tag); }
  if (e.leader_pid !== undefined) { mask |= 1 << 26; out.push(e.leader_pid); }
  out[at] = mask;
}
