/**
 * Everything the detail screen shows about one entry, and what it links to: its
 * session, its statement's fingerprint, and the lock wait or deadlock it is part of.
 */
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { StoredEntry } from '../../derive/deriver.js';

/** The stored entry (see StoredEntry), where it came from, and its links. */
export interface EventDetail
  extends Pick<
    StoredEntry,
    | 'id' | 'ts' | 'severity' | 'sqlstate' | 'pid' | 'user_name' | 'database_name' | 'application_name' | 'client'
    | 'session_id' | 'xid' | 'message' | 'detail' | 'hint' | 'context' | 'statement' | 'internal_query'
  > {
  kind: string | null;
  family: string | null;
  location: string | null;
  file: string;
  line: number;
  statementInfo: { fingerprint: string | null; normalized: string | null; parameters: string | null; duration_ms: number | null } | null;
  deadlockId: number | null;
  lockWait: { id: number; mode: string; object: string; wait_ms: number | null; resolution: string } | null;
}

/** A string range around `ts` wider than the 2 s the deadlock match allows, for the `deadlocks (ts)` index. */
function near(ts: string | null): { near_from: string | null; near_to: string | null } {
  const ms = ts === null ? NaN : Date.parse(ts);
  if (Number.isNaN(ms)) return { near_from: null, near_to: null };
  return { near_from: new Date(ms - 3000).toISOString(), near_to: new Date(ms + 3000).toISOString() };
}

export function loadEventDetail(db: Store, id: number): EventDetail | null {
  const row = db
    .prepare(
      `SELECT e.id, e.ts, e.severity, e.sqlstate, e.kind, e.family, e.pid, e.user_name, e.database_name, e.application_name,
              e.client, e.session_id, e.xid, e.message, e.detail, e.hint, e.context, e.statement, e.internal_query, e.location,
              f.path AS file, e.line_start AS line
         FROM entries e JOIN files f ON f.id = e.file_id WHERE e.id = ?`,
    )
    .get(id) as Omit<EventDetail, 'statementInfo' | 'deadlockId' | 'lockWait'> | undefined;
  if (row === undefined) return null;
  const statementInfo = hasTable(db, 'statements')
    ? ((db.prepare('SELECT fingerprint, normalized, parameters, duration_ms FROM statements WHERE entry_id = ?').get(id) as EventDetail['statementInfo'] | undefined) ?? null)
    : null;
  // Each branch is one indexed lookup (entry ids, deadlocks (ts), lock_waits (pid)): an OR would scan the tables.
  const deadlock = hasTable(db, 'deadlocks')
    ? (db
        .prepare(
          `SELECT id FROM (
             SELECT id, 1 AS own FROM deadlocks WHERE entry_id = @id
             UNION ALL SELECT id, 0 FROM deadlocks WHERE detected_entry_id = @id
             UNION ALL SELECT d.id, 0 FROM deadlocks d
              WHERE @pid IS NOT NULL AND @ts IS NOT NULL AND d.ts > @near_from AND d.ts < @near_to
                AND abs(julianday(d.ts) - julianday(@ts)) * 86400 < 2
                AND EXISTS (SELECT 1 FROM deadlock_participants p WHERE p.deadlock_id = d.id AND p.pid = @pid))
            ORDER BY own DESC, id LIMIT 1`,
        )
        .get({ id, pid: row.pid, ts: row.ts, ...near(row.ts) }) as { id: number } | undefined)
    : undefined;
  const lockWait = hasTable(db, 'lock_waits')
    ? ((db
        .prepare(
          `SELECT id, mode, coalesce(relation, object) AS object, wait_ms, resolution FROM (
             SELECT *, 1 AS own FROM lock_waits WHERE start_entry_id = @id
             UNION ALL SELECT *, 1 FROM lock_waits WHERE end_entry_id = @id
             UNION ALL SELECT *, 0 FROM lock_waits WHERE pid = @pid AND start_ts <= @ts AND coalesce(end_ts, reported_ts) >= @ts)
            ORDER BY own DESC, id LIMIT 1`,
        )
        .get({ id, pid: row.pid, ts: row.ts }) as EventDetail['lockWait'] | undefined) ?? null)
    : null;
  return { ...row, statementInfo, deadlockId: deadlock?.id ?? null, lockWait };
}

/** The entry behind a deadlock: the victim's `deadlock detected` error. */
export function deadlockEntryId(db: Store, deadlockId: number): number | null {
  const row = db.prepare('SELECT entry_id FROM deadlocks WHERE id = ?').get(deadlockId) as { entry_id: number } | undefined;
  return row?.entry_id ?? null;
}
