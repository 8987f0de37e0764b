/**
 * What a backend's transaction had run, as far as the log shows, at some moment: its
 * statements (one line per execution), and where it began. A root blocker's facts and a
 * deadlock's participants both read it.
 *
 * When the log shows the backend's BEGIN, that is where. Otherwise the start is bounded
 * from below by the backend's last line that ended a transaction (a COMMIT or ROLLBACK
 * logged; an error, which aborts the transaction and releases its locks, unless a
 * ROLLBACK TO SAVEPOINT after it says only a subtransaction failed; a termination) or
 * started a session (another backend may have had the pid).
 */
import type Database from 'better-sqlite3';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { STATEMENT_LINE_KINDS } from '../../derive/statements/statement-entry.js';
import { isoFromMs } from '../../util/iso-from-ms.js';
import { shortTime } from '../../util/time-arg.js';
import { executionsOf, FAILED, statementOf, type StatementLine, type StatementSeen } from './statement-executions.js';
import { transactionControl, type TransactionControl } from './transaction-control.js';

/** How a backend's transaction ended, by the kind of the line that says so. */
export const ENDINGS: Readonly<Record<string, string>> = {
  admin_terminated: 'terminated by an administrator (pg_terminate_backend)',
  idle_in_transaction_timeout: 'terminated by idle_in_transaction_session_timeout',
  idle_session_timeout: 'terminated by idle_session_timeout',
  transaction_timeout: 'terminated by transaction_timeout',
  statement_timeout: 'statement canceled by statement_timeout',
  lock_timeout: 'statement canceled by lock_timeout',
  user_cancel: 'statement canceled (pg_cancel_backend or client)',
  deadlock: 'rolled back as a deadlock victim',
  crash_terminated_connection: 'terminated by a server crash',
  client_connection_lost: 'lost its client connection',
  disconnection: 'disconnected (its transaction committed or rolled back)',
};

/** The lines that start a session. */
const SESSION_STARTS = ['connection_received', 'connection_authorized'];

const BOUNDARY_KINDS = [...Object.keys(ENDINGS), ...SESSION_STARTS];
const BOUNDARY_KIND_SET: ReadonlySet<string> = new Set(BOUNDARY_KINDS);

/** How far back statements, and the transaction's start, are looked for. */
const LOOK_BACK_MS = 3_600_000;

/**
 * How many of the backend's lines before `since` are looked through for its start: a
 * transaction logged statement by statement (log_statement = 'all') has many. Bounded,
 * since a deadlock storm asks for thousands of transactions.
 */
const START_LINES_SCANNED = 2000;

/** How many statements are listed. */
const STATEMENTS_SHOWN = 5;

/**
 * How many of the backend's lines are read back for them, from its transaction's start
 * on: an execution takes one to four (still waiting, acquired, its duration; a
 * deadlock's LOG and ERROR).
 */
const LINES_READ = 30;

/**
 * Where a transaction began, by a line of its backend's: the BEGIN itself ('began_with'),
 * or the line after which it must have begun ('after'): what that line says, when, and
 * which entry.
 */
export interface TransactionStart {
  at: 'began_with' | 'after';
  what: string;
  ts: string | null;
  entry_id: number;
}

export interface TransactionSoFar {
  /** Its last statements up to `until` (latest last), none from before its start. */
  statements: StatementSeen[];
  /** Where it began, from a line before `since`; undefined when none was read. */
  start: TransactionStart | undefined;
}

/** A stored time moved by `ms`; the open ends ('' and '\uffff') and unreadable times stay as they are. */
export function shifted(ts: string, ms: number): string {
  const at = Date.parse(ts);
  return (Number.isNaN(at) ? undefined : isoFromMs(at + ms)) ?? ts;
}

/**
 * The transaction `pid` was in from at least `since` (the transaction's lines from then
 * on are its own whatever they are; '' when unknown) up to `until`; with `untilEntry`,
 * up to that entry only among the lines of time `until` (a deadlock's: the survivor's
 * next statements often come in the same millisecond, after it).
 */
export function transactionSoFar(db: Database.Database, pid: number, since: string, until: string, untilEntry?: number): TransactionSoFar {
  const from = shifted(since === '' ? until : since, -LOOK_BACK_MS);
  const start = since === '' ? undefined : startBefore(db, pid, since, from);
  const lines = db
    .prepare(
      `SELECT id AS entry_id, ts, kind, severity, statement, message FROM entries
        WHERE pid = ? AND ts <= ? AND ts >= ? AND ${NOT_MIRRORED_SQL} AND (ts < ? OR id <= ?)
          AND (kind IN (${STATEMENT_LINE_KINDS.map(() => '?').join(', ')}) OR statement IS NOT NULL)
        ORDER BY ts DESC, id DESC LIMIT ${LINES_READ}`,
    )
    .all(pid, until, start?.ts ?? from, until, untilEntry ?? Number.MAX_SAFE_INTEGER, ...STATEMENT_LINE_KINDS) as StatementLine[];
  // The start's own line and those before it (same time, smaller id) are not the transaction's.
  const own = start === undefined ? lines : lines.filter((l) => l.ts !== start.ts || l.entry_id > start.entry_id);
  return { statements: executionsOf(own.reverse()).slice(-STATEMENTS_SHOWN), start };
}

/**
 * A SQL condition a transaction-control statement line meets, and many others: a LIKE
 * per keyword after the "statement: " or "execute <name>: " of the line. The lines it
 * lets through are read with transactionControl().
 */
const CONTROL_CANDIDATE_SQL = `(kind IN (${STATEMENT_LINE_KINDS.map((k) => `'${k}'`).join(', ')}) AND (${['begin', 'start', 'commit', 'end', 'rollback', 'abort', 'prepare']
  .map((w) => `message LIKE '%: ${w}%'`)
  .join(' OR ')}))`;

/** Where `pid`'s transaction at `since` began, read from its lines before `since` back to `from`, newest first. */
function startBefore(db: Database.Database, pid: number, since: string, from: string): TransactionStart | undefined {
  const candidates = db
    .prepare(
      `SELECT entry_id, ts, kind, severity, statement, message FROM (
         SELECT id AS entry_id, ts, kind, severity, statement, message FROM entries
          WHERE pid = ? AND ts < ? AND ts >= ? AND ${NOT_MIRRORED_SQL}
          ORDER BY ts DESC, id DESC LIMIT ${START_LINES_SCANNED})
        WHERE kind IN (${BOUNDARY_KINDS.map(() => '?').join(', ')}) OR severity IN ('ERROR', 'FATAL', 'PANIC') OR ${CONTROL_CANDIDATE_SQL}
        ORDER BY ts DESC, entry_id DESC`,
    )
    .iterate(pid, since, from, ...BOUNDARY_KINDS) as IterableIterator<StatementLine>;
  return startAmong(candidates);
}

/** The transaction-control statement a line logs, if any (a failed one changed nothing). */
function controlOf(line: StatementLine): TransactionControl | undefined {
  const statement = FAILED.has(line.severity) ? null : statementOf(line);
  return statement === null ? undefined : transactionControl(statement);
}

/**
 * Where a transaction began, among its backend's lines before it, newest first. Read
 * that way, a ROLLBACK TO SAVEPOINT means the next error back rolled back a
 * subtransaction, not the transaction.
 */
function startAmong(lines: Iterable<StatementLine>): TransactionStart | undefined {
  let rolledBackTo = 0;
  for (const line of lines) {
    const after = (what: string): TransactionStart => ({ at: 'after', what, ts: line.ts, entry_id: line.entry_id });
    if (FAILED.has(line.severity)) {
      if (line.severity === 'ERROR' && rolledBackTo > 0) {
        rolledBackTo--;
        continue;
      }
      return after(`the transaction before ended (${ENDINGS[line.kind] ?? `${line.severity} ${line.kind}`})`);
    }
    if (BOUNDARY_KIND_SET.has(line.kind)) {
      return after(SESSION_STARTS.includes(line.kind) ? 'its session started' : line.kind === 'disconnection' ? "the pid's previous session ended" : `the transaction before ended (${ENDINGS[line.kind] ?? line.kind})`);
    }
    const control = controlOf(line);
    if (control?.effect === 'rollback_to') rolledBackTo++;
    else if (control?.effect === 'end') return after(`the transaction before ended (${control.keywords})`);
    else if (control?.effect === 'begin') return { at: 'began_with', what: control.keywords, ts: line.ts, entry_id: line.entry_id };
  }
  return undefined;
}

/** How a transaction ended: what the line says, when, and which entry. */
export interface TransactionEnd {
  how: string;
  ts: string | null;
  entry_id: number;
}

/**
 * How `pid`'s transaction ended between `since` and `until`: its first line there that
 * ends a transaction, read forward (bounded like the start). An error followed by a
 * ROLLBACK TO SAVEPOINT, with no other transaction-control statement or error between
 * them, failed a subtransaction only.
 */
export function transactionEnd(db: Database.Database, pid: number, since: string, until: string): TransactionEnd | undefined {
  const lines = db
    .prepare(
      `SELECT entry_id, ts, kind, severity, statement, message FROM (
         SELECT id AS entry_id, ts, kind, severity, statement, message FROM entries
          WHERE pid = ? AND ts >= ? AND ts <= ? AND ${NOT_MIRRORED_SQL}
          ORDER BY ts, id LIMIT ${START_LINES_SCANNED})
        WHERE kind IN (${Object.keys(ENDINGS).map(() => '?').join(', ')}) OR severity IN ('ERROR', 'FATAL', 'PANIC') OR ${CONTROL_CANDIDATE_SQL}
        ORDER BY ts, entry_id`,
    )
    .all(pid, since, until, ...Object.keys(ENDINGS)) as StatementLine[];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const end = (how: string): TransactionEnd => ({ how, ts: line.ts, entry_id: line.entry_id });
    if (FAILED.has(line.severity)) {
      const next = lines[i + 1];
      if (line.severity === 'ERROR' && next !== undefined && controlOf(next)?.effect === 'rollback_to') {
        i++;
        continue;
      }
      return end(ENDINGS[line.kind] ?? `failed (${line.severity} ${line.kind}), which rolled its transaction back`);
    }
    if (line.kind in ENDINGS) return end(ENDINGS[line.kind]!);
    const control = controlOf(line);
    if (control?.effect === 'end') return end(`ended its transaction (${control.keywords})`);
  }
  return undefined;
}

/** Where a transaction began, said in words with its time and entry. */
export function transactionBegan(start: TransactionStart): string {
  return `its transaction began ${start.at === 'began_with' ? 'with' : 'after'} ${start.what} at ${shortTime(start.ts)} [entry ${start.entry_id}]`;
}
