/**
 * What a backend's transaction had run, as far as the log shows, at some moment: its
 * statements (one line per execution), and the line after which it must have begun.
 * A root blocker's facts and a deadlock's participants both read it.
 *
 * The log has no "BEGIN" line unless log_statement logs it, so the start is bounded
 * from below by the backend's last line that ended a transaction (an error aborts one
 * and releases its locks) or started a session (another backend may have had the pid).
 */
import type Database from 'better-sqlite3';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { isStatementLine } from '../../derive/statements/statement-entry.js';
import { isoFromMs } from '../../util/iso-from-ms.js';
import { shortTime } from '../../util/time-arg.js';
import { executionsOf, type StatementLine, type StatementSeen } from './statement-executions.js';

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

/** How far back statements are looked for. */
const LOOK_BACK_MS = 3_600_000;

/** How many statements are listed. */
const STATEMENTS_SHOWN = 5;

/**
 * How many of the backend's lines are read back for them: an execution takes one to
 * four (still waiting, acquired, its duration; a deadlock's LOG and ERROR).
 */
const LINES_READ = 30;

export interface TransactionSoFar {
  /** Its last statements up to `until` (latest last), none from before `startedAfter`. */
  statements: StatementSeen[];
  /** The backend's line, before `since`, after which the transaction began; undefined when none was read. */
  startedAfter: StatementLine | undefined;
}

/** A stored time moved by `ms`; the open ends ('' and '\uffff') and unreadable times stay as they are. */
export function shifted(ts: string, ms: number): string {
  const at = Date.parse(ts);
  return (Number.isNaN(at) ? undefined : isoFromMs(at + ms)) ?? ts;
}

/**
 * The transaction `pid` was in from at least `since` (the transaction's lines from then
 * on are its own whatever they are; '' when unknown) up to `until`.
 */
export function transactionSoFar(db: Database.Database, pid: number, since: string, until: string): TransactionSoFar {
  const lines = db
    .prepare(
      `SELECT id AS entry_id, ts, kind, severity, statement, message FROM entries
        WHERE pid = ? AND ts <= ? AND ts >= ? AND ${NOT_MIRRORED_SQL}
          AND (kind IN ('duration', 'statement_logged', 'execute_logged', ${BOUNDARY_KINDS.map(() => '?').join(', ')}) OR statement IS NOT NULL)
        ORDER BY ts DESC, id DESC LIMIT ${LINES_READ}`,
    )
    .all(pid, until, shifted(since === '' ? until : since, -LOOK_BACK_MS), ...BOUNDARY_KINDS) as StatementLine[];
  // Newest first: what comes after the boundary is from before the transaction.
  const boundary = lines.findIndex((l) => since !== '' && l.ts !== null && l.ts < since && BOUNDARY_KIND_SET.has(l.kind));
  const own = (boundary === -1 ? lines : lines.slice(0, boundary)).filter((l) => l.statement !== null || isStatementLine(l.kind));
  return { statements: executionsOf(own.reverse()).slice(-STATEMENTS_SHOWN), startedAfter: boundary === -1 ? undefined : lines[boundary] };
}

/** The line after which a transaction began: what it says, when, and which entry. */
export interface TransactionStart {
  what: string;
  ts: string | null;
  entry_id: number;
}

export function startAfter(line: StatementLine): TransactionStart {
  const what = SESSION_STARTS.includes(line.kind)
    ? 'its session started'
    : line.kind === 'disconnection'
      ? "the pid's previous session ended"
      : `the transaction before ended (${ENDINGS[line.kind] ?? line.kind})`;
  return { what, ts: line.ts, entry_id: line.entry_id };
}

/** The line after which a transaction began, said in words with its time and entry. */
export function beganAfter(line: StatementLine): string {
  const start = startAfter(line);
  return `its transaction began after ${start.what} at ${shortTime(start.ts)} [entry ${start.entry_id}]`;
}
