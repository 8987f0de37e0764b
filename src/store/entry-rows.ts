/**
 * Entries travel to the store as flat rows (one value per column, in ENTRY_COLUMNS
 * order): cheap to build, cheap to copy to the writer thread, and bound to SQL
 * without per-row objects.
 */
import type { LogEntry } from '../parse/log-entry.js';

export const ENTRY_COLUMNS = [
  'file_id', 'line_start', 'line_count', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint',
  'context', 'statement', 'internal_query', 'location', 'user_name', 'database_name', 'application_name',
  'client', 'session_id', 'session_line', 'session_start', 'xid', 'vxid', 'backend_type', 'query_id',
  'command_tag', 'leader_pid',
] as const;

export const ENTRY_WIDTH = ENTRY_COLUMNS.length;

export type Cell = string | number | null;

/** Appends one entry's values to `out`. */
export function pushEntryRow(out: Cell[], fileId: number, e: LogEntry): void {
  out.push(
    fileId, e.lineStart, e.lineCount, e.ts ?? null, e.pid ?? null, e.severity, e.sqlstate ?? null, e.message,
    e.detail ?? null, e.hint ?? null, e.context ?? null, e.statement ?? null, e.internal_query ?? null,
    e.location ?? null, e.user_name ?? null, e.database_name ?? null, e.application_name ?? null, e.client ?? null,
    e.session_id ?? null, e.session_line ?? null, e.session_start ?? null, e.xid === undefined ? null : Number(e.xid),
    e.vxid ?? null, e.backend_type ?? null, e.query_id ?? null, e.command_tag ?? null, e.leader_pid ?? null,
  );
}
