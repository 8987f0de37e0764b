/** `pgautopsy deadlocks`: every deadlock as a readable cycle, with each participant's lock and query. */
import type { Writable } from 'node:stream';
import { inWindow } from '../store/window-bounds.js';
import { countDeadlocks, DEADLOCK_VIEW_SQL, participantCondition, withParticipants, withTransactions, type DeadlockParticipantView, type DeadlockRow, type DeadlockView, type ParticipantFilter, type ParticipantTransaction } from '../analyze/deadlocks/deadlock-list.js';
import type { TransactionStart } from '../analyze/transactions/transaction-so-far.js';
import { readStore } from '../store/open-store.js';
import { shortTime, timeWindow } from '../util/time-arg.js';
import { oneLine } from '../util/text-table.js';

export interface DeadlockOptions extends ParticipantFilter {
  db: string;
  from?: string;
  to?: string;
  /** At most this many, in time order; all of them without it. */
  limit?: number;
  json: boolean;
}

export type { DeadlockParticipantView, DeadlockView };

/**
 * How many deadlocks of a list come with their participants' transactions: reading them
 * takes a few milliseconds a deadlock, minutes for a storm's hundreds of thousands.
 */
export const TRANSACTIONS_READ = 1000;

/**
 * The window's deadlocks in time order, the first `limit` of them when given, and how
 * many the window has: a deadlock storm can leave hundreds of thousands.
 */
export function loadDeadlocks(dbPath: string, opts: ParticipantFilter & { from?: string; to?: string; limit?: number }): { deadlocks: DeadlockView[]; total: number } {
  const window = timeWindow(opts);
  const w = inWindow(window, 'd.ts');
  const f = participantCondition(opts, 'd');
  return readStore(dbPath, (db) => {
    const rows = db
      .prepare(`${DEADLOCK_VIEW_SQL} WHERE ${w.sql} AND ${f.sql} ORDER BY d.ts, d.id LIMIT @limit`)
      .all({ ...w.params, ...f.params, limit: opts.limit ?? -1 }) as DeadlockRow[];
    const total = opts.limit === undefined || rows.length < opts.limit ? rows.length : countDeadlocks(db, window, opts);
    return { deadlocks: withParticipants(db, rows).map((d, i) => (i < TRANSACTIONS_READ ? withTransactions(db, d) : d)), total };
  });
}

function who(p: DeadlockParticipantView): string {
  const parts = [p.application_name, p.user_name].filter((x): x is string => x !== null && x !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** A participant's transaction before the deadlock, for the text outputs. */
export function transactionLines(t: ParticipantTransaction | undefined, indent: string): string[] {
  if (t === undefined) return [];
  const clock = (ts: string | null) => shortTime(ts).slice(11);
  const at = (start: TransactionStart) => `${start.what} at ${clock(start.ts)}`;
  if (t.earlier.length === 0) {
    const start = t.start;
    if (start === null) return [];
    return [`${indent}its transaction began ${start.at === 'began_with' ? `with ${at(start)}; nothing else` : `after ${at(start)}; nothing earlier`} in it was logged`];
  }
  const bound = t.start === null ? '' : t.start.at === 'began_with' ? ` (from its ${at(t.start)})` : ` (after ${at(t.start)})`;
  return [`${indent}earlier in its transaction${bound}:`, ...t.earlier.map((s) => `${indent}  ${clock(s.ts)}  ${oneLine(s.text, 100)}`)];
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
    lines.push(...transactionLines(p.transaction, '        '));
  });
  const first = d.participants[0];
  if (first) lines.push(`  → back to pid ${first.pid}`);
  return lines.join('\n');
}

const filtered = (f: ParticipantFilter): boolean => f.pid !== undefined || f.application !== undefined || f.object !== undefined;

export function deadlocksCommand(opts: DeadlockOptions, out: Writable): number {
  const { deadlocks, total } = loadDeadlocks(opts.db, opts);
  const plural = (n: number) => `${n} deadlock${n === 1 ? '' : 's'}`;
  if (opts.json) {
    out.write(`${JSON.stringify(deadlocks, null, 2)}\n`);
  } else if (deadlocks.length === 0) {
    out.write(`No deadlocks in the store for this window${filtered(opts) ? ' with such a participant' : ''}.\n`);
  } else {
    const count = total > deadlocks.length
      ? `the first ${deadlocks.length} of ${plural(total)} in this window${filtered(opts) ? ' with such a participant' : ''} (--limit ${total} shows them all; --from/--to narrow the window)`
      : plural(total);
    const unread = deadlocks.length > TRANSACTIONS_READ ? `\n(what the participants' transactions ran before is shown for the first ${TRANSACTIONS_READ})` : '';
    out.write(`${deadlocks.map(formatDeadlock).join('\n\n')}\n\n${count}${unread}\n`);
  }
  return deadlocks.length;
}
