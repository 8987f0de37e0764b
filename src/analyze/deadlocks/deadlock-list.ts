/**
 * The deadlocks as `deadlocks`, the report and the deadlocks screen show them: each a
 * view with its cycle, and the window's list a page at a time (the count, then only
 * the rows asked for). Pages are found on the `deadlocks (ts)` index, which holds
 * (ts, id): skipping to a page walks that index only, without reading rows.
 */
import type { Store } from '../../store/open-store.js';
import { inWindow } from '../../store/window-bounds.js';
import { isExecutionOf, type StatementSeen } from '../transactions/statement-executions.js';
import { transactionSoFar, type TransactionStart } from '../transactions/transaction-so-far.js';
import type { TimeWindow } from '../../util/time-arg.js';

export interface DeadlockParticipantView {
  pid: number;
  is_victim: boolean;
  mode: string;
  object_type: string;
  object: string;
  /** The relation's name, when the log reveals it. */
  relation: string | null;
  blocked_by: number | null;
  query: string | null;
  fingerprint: string | null;
  user_name: string | null;
  database_name: string | null;
  application_name: string | null;
  xid: number | null;
  /** What its transaction had run before, when read (withTransactions). */
  transaction?: ParticipantTransaction;
}

/** A participant's transaction as the log shows it up to the deadlock: the locks it held came from there. */
export interface ParticipantTransaction {
  /** Where it began (its BEGIN, or the line it began after), when the log has one. */
  start: TransactionStart | null;
  /** Its statements before the one that deadlocked, one per execution, latest last. */
  earlier: StatementSeen[];
}

export interface DeadlockView {
  id: number;
  ts: string | null;
  victim_pid: number | null;
  processes: number;
  database_name: string | null;
  relation: string | null;
  tuple: string | null;
  victim_wait_ms: number | null;
  /** The entry that reports it (the victim's ERROR). */
  entry_id: number;
  evidence: { file: string; line: number };
  participants: DeadlockParticipantView[];
}

/** The columns of a DeadlockView (before participants), from `deadlocks d` joined to its entry `e` and file `f`. */
export const DEADLOCK_VIEW_SQL = `SELECT d.id, d.ts, d.victim_pid, d.processes, d.database_name, d.relation, d.tuple, d.victim_wait_ms, d.entry_id,
                f.path AS file, e.line_start AS line
           FROM deadlocks d JOIN entries e ON e.id = d.entry_id JOIN files f ON f.id = e.file_id`;

export type DeadlockRow = Omit<DeadlockView, 'evidence' | 'participants'> & { file: string; line: number };

/** The rows as views, each with its cycle. */
export function withParticipants(db: Store, rows: readonly DeadlockRow[]): DeadlockView[] {
  const participants = db.prepare(
    `SELECT pid, is_victim, mode, object_type, object, relation, blocked_by, query, fingerprint, user_name, database_name,
            application_name, xid
       FROM deadlock_participants WHERE deadlock_id = ? ORDER BY position`,
  );
  return rows.map(({ file, line, ...d }) => ({
    ...d,
    evidence: { file, line },
    participants: (participants.all(d.id) as Array<Omit<DeadlockParticipantView, 'is_victim'> & { is_victim: number }>).map((p) => ({ ...p, is_victim: p.is_victim === 1 })),
  }));
}

/**
 * The deadlock with what each participant's transaction had run before it: the lock
 * another participant waited for was taken by one of those statements. Read from the
 * participants' own lines (entries (pid, ts)), a few queries per deadlock.
 */
export function withTransactions(db: Store, d: DeadlockView): DeadlockView {
  const ts = d.ts;
  if (ts === null) return d;
  return {
    ...d,
    participants: d.participants.map((p) => {
      const { statements, start } = transactionSoFar(db, p.pid, ts, ts, d.entry_id);
      const last = statements.at(-1);
      // The last execution is the statement that deadlocked, shown as the query already.
      const earlier = last !== undefined && p.query !== null && isExecutionOf(last.text, p.query) ? statements.slice(0, -1) : statements;
      return { ...p, transaction: { start: start ?? null, earlier } };
    }),
  };
}

export function countDeadlocks(db: Store, window: TimeWindow, filter: ParticipantFilter = {}): number {
  const w = inWindow(window);
  const f = participantCondition(filter, 'deadlocks');
  return db.prepare(`SELECT count(*) FROM deadlocks WHERE ${w.sql} AND ${f.sql}`).pluck().get({ ...w.params, ...f.params }) as number;
}

/** Deadlocks some participant of which matches every field given. */
export interface ParticipantFilter {
  /** A participant's pid. */
  pid?: number;
  /** A participant's application_name, exactly. */
  application?: string;
  /** Text in the description of an object a participant waited for, or in its relation's name. */
  object?: string;
}

/**
 * The SQL condition on deadlock rows (`table`, or its alias) that a ParticipantFilter
 * makes, with its parameters: always true when the filter is empty. One participant
 * must match all the fields: "delayed_job waiting on variants" is one backend.
 */
export function participantCondition(filter: ParticipantFilter, table: string): { sql: string; params: Record<string, unknown> } {
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.pid !== undefined) {
    terms.push('p.pid = @filter_pid');
    params.filter_pid = filter.pid;
  }
  if (filter.application !== undefined) {
    terms.push('p.application_name = @filter_application');
    params.filter_application = filter.application;
  }
  if (filter.object !== undefined) {
    terms.push("(instr(p.object, @filter_object) > 0 OR instr(coalesce(p.relation, ''), @filter_object) > 0)");
    params.filter_object = filter.object;
  }
  if (terms.length === 0) return { sql: '1', params };
  return { sql: `EXISTS (SELECT 1 FROM deadlock_participants p WHERE p.deadlock_id = ${table}.id AND ${terms.join(' AND ')})`, params };
}

/** `limit` deadlocks from position `offset` of the window's list (time order), with their cycles. */
export function deadlockPage(db: Store, window: TimeWindow, offset: number, limit: number): DeadlockView[] {
  const w = inWindow(window);
  const ids = db
    .prepare(`SELECT id FROM deadlocks WHERE ${w.sql} ORDER BY ts, id LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...w.params, limit, offset }) as number[];
  if (ids.length === 0) return [];
  const rows = db.prepare(`${DEADLOCK_VIEW_SQL} WHERE d.id IN (${ids.map(() => '?').join(', ')}) ORDER BY d.ts, d.id`).all(...ids) as DeadlockRow[];
  return withParticipants(db, rows);
}

/** Where deadlock `id` is in the window's list, or null when it is not in it. */
export function deadlockPosition(db: Store, window: TimeWindow, id: number): number | null {
  const w = inWindow(window);
  const d = db.prepare(`SELECT ts FROM deadlocks WHERE id = @id AND ${w.sql}`).get({ ...w.params, id }) as { ts: string | null } | undefined;
  if (d === undefined) return null;
  // NULL times sort first, as ORDER BY ts puts them; each count is one range of the index.
  const count = (cond: string) => db.prepare(`SELECT count(*) FROM deadlocks WHERE ${w.sql} AND ${cond}`).pluck().get({ ...w.params, id, ts: d.ts }) as number;
  if (d.ts === null) return count('ts IS NULL AND id < @id');
  return count('ts IS NULL') + count('ts < @ts') + count('ts = @ts AND id < @id');
}
