/** `pgautopsy deadlocks`: every deadlock as a readable cycle, with each participant's lock and query. */
import type { Writable } from 'node:stream';
import { readStore, type Store } from '../store/open-store.js';
import { shortTime, timeWindow } from '../util/time-arg.js';

export interface DeadlockOptions {
  db: string;
  from?: string;
  to?: string;
  /** At most this many, in time order; all of them without it. */
  limit?: number;
  json: boolean;
}

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
  evidence: { file: string; line: number };
  participants: DeadlockParticipantView[];
}

/** The columns of a DeadlockView (before participants), from `deadlocks d` joined to its entry `e` and file `f`. */
export const DEADLOCK_VIEW_SQL = `SELECT d.id, d.ts, d.victim_pid, d.processes, d.database_name, d.relation, d.tuple, d.victim_wait_ms,
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

const IN_WINDOW = '(@from IS NULL OR d.ts >= @from) AND (@to IS NULL OR d.ts <= @to)';

/**
 * The window's deadlocks in time order, the first `limit` of them when given, and how
 * many the window has: a deadlock storm can leave hundreds of thousands.
 */
export function loadDeadlocks(dbPath: string, opts: { from?: string; to?: string; limit?: number }): { deadlocks: DeadlockView[]; total: number } {
  const window = timeWindow(opts);
  const params = { from: window.from ?? null, to: window.to ?? null, limit: opts.limit ?? -1 };
  return readStore(dbPath, (db) => {
    const rows = db.prepare(`${DEADLOCK_VIEW_SQL} WHERE ${IN_WINDOW} ORDER BY d.ts, d.id LIMIT @limit`).all(params) as DeadlockRow[];
    const total = opts.limit === undefined || rows.length < opts.limit
      ? rows.length
      : (db.prepare(`SELECT count(*) FROM deadlocks d WHERE ${IN_WINDOW}`).pluck().get(params) as number);
    return { deadlocks: withParticipants(db, rows), total };
  });
}

function who(p: DeadlockParticipantView): string {
  const parts = [p.application_name, p.user_name].filter((x): x is string => x !== null && x !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function formatDeadlock(d: DeadlockView): string {
  const where = d.relation ? ` on ${d.relation}${d.tuple ? ` tuple ${d.tuple}` : ''}` : '';
  const waited = d.victim_wait_ms !== null ? `, after waiting ${Math.round(d.victim_wait_ms)} ms` : '';
  const lines = [
    `Deadlock #${d.id} at ${shortTime(d.ts)} UTC: ${d.processes} processes${where}${d.database_name ? ` in ${d.database_name}` : ''}; victim pid ${d.victim_pid}${waited}  [${d.evidence.file}:${d.evidence.line}]`,
  ];
  d.participants.forEach((p, i) => {
    const arrow = i === 0 ? '  ' : '→ ';
    lines.push(`  ${arrow}pid ${p.pid}${who(p)} waits ${p.mode} on ${p.object}${p.relation && !d.relation?.includes(p.object) ? ` (${p.relation})` : ''} held by pid ${p.blocked_by ?? '?'}${p.is_victim ? '   ← victim (rolled back)' : ''}`);
    if (p.query) for (const q of p.query.split('\n')) lines.push(`        ${q}`);
  });
  const first = d.participants[0];
  if (first) lines.push(`  → back to pid ${first.pid}`);
  return lines.join('\n');
}

export function deadlocksCommand(opts: DeadlockOptions, out: Writable): number {
  const { deadlocks, total } = loadDeadlocks(opts.db, opts);
  const plural = (n: number) => `${n} deadlock${n === 1 ? '' : 's'}`;
  if (opts.json) {
    out.write(`${JSON.stringify(deadlocks, null, 2)}\n`);
  } else if (deadlocks.length === 0) {
    out.write('No deadlocks in the store for this window.\n');
  } else {
    const count = total > deadlocks.length
      ? `the first ${deadlocks.length} of ${plural(total)} in this window (--limit ${total} shows them all; --from/--to narrow the window)`
      : plural(total);
    out.write(`${deadlocks.map(formatDeadlock).join('\n\n')}\n\n${count}\n`);
  }
  return deadlocks.length;
}
