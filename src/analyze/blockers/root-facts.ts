/**
 * What the log says about a root blocker: its session, what it ran, since when it
 * held what others waited for, and how it ended. All of it is evidence with entry ids.
 */
import type Database from 'better-sqlite3';
import { isoFromMs } from '../../util/iso-from-ms.js';
import { shortTime } from '../../util/time-arg.js';
import type { BlockingTree, Episode } from './blocking-forest.js';
import { isStatementLine } from '../../derive/statements/statement-entry.js';
import { executionsOf, type StatementLine, type StatementSeen } from './statement-executions.js';

export type { StatementSeen } from './statement-executions.js';

export interface RootFacts {
  pid: number;
  application_name: string | null;
  user_name: string | null;
  database_name: string | null;
  client: string | null;
  /**
   * Its last statements logged (one line per execution, latest last) in the transaction
   * that blocked, up to when it let go: none from before its previous transaction ended.
   */
  statements: StatementSeen[];
  /** Best evidence of since when it held the lock: its transaction's first entry, else the first wait. */
  holding_since: string | null;
  holding_since_evidence: string;
  ended: { how: string; ts: string | null; entry_id: number | null };
}

/**
 * How long after the last wait on it ended the root's own lines may still be about the
 * transaction that blocked. A backend logs its ERROR or FATAL before it lets its locks
 * go, but "disconnection" only after (and its waiters may log "acquired" first). A wider
 * margin would take the statements and ending of the root's next transaction, often a
 * few hundred milliseconds later, for this one's.
 */
const LET_GO_SLACK_MS = 100;

/** How far back from the first wait the root's statements are looked for. */
const STATEMENTS_BEFORE_MS = 3_600_000;

/** How many statements are listed. */
const STATEMENTS_SHOWN = 5;

/**
 * How many of the root's lines are read back for them: an execution takes one to four
 * (still waiting, acquired, its duration; a deadlock's LOG and ERROR).
 */
const STATEMENT_LINES_READ = 30;

/**
 * The root's lines that mark the start of its blocking transaction at the latest, when
 * logged before the first wait: an ending of the transaction before (an error aborts it
 * and releases its locks) or the start of a session (another backend may have had the pid).
 */
const BEFORE_TRANSACTION = ['connection_received', 'connection_authorized'];

/** When the last wait on the root itself ended ('\uffff' while one never did); null without any. */
function directWaitsEnd(tree: BlockingTree): string | null {
  let end: string | null = null;
  for (const node of tree.children) for (const e of node.episodes) if (end === null || (e.end_ts ?? '\uffff') > end) end = e.end_ts ?? '\uffff';
  return end;
}

/** Entries from the first copy of each log only (see files.mirror_of). */
const NOT_MIRRORED = 'file_id IN (SELECT id FROM files WHERE mirror_of IS NULL)';

const ENDINGS: Readonly<Record<string, string>> = {
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

const BOUNDARY_KINDS = [...Object.keys(ENDINGS), ...BEFORE_TRANSACTION];
const BOUNDARY_KIND_SET: ReadonlySet<string> = new Set(BOUNDARY_KINDS);

function xidHeld(root: number, tree: BlockingTree): number | null {
  const stack = [...tree.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const e of node.episodes as Array<Episode & { waits_for_xid?: number | null }>) {
      if (e.holders.includes(root) && e.waits_for_xid != null) return e.waits_for_xid;
    }
    stack.push(...node.children);
  }
  return null;
}

/** A stored time moved by `ms`; the open ends ('' and '\uffff') and unreadable times stay as they are. */
function shifted(ts: string, ms: number): string {
  const at = Date.parse(ts);
  return (Number.isNaN(at) ? undefined : isoFromMs(at + ms)) ?? ts;
}

/** What bounds the start of the blocking transaction from below: the line before it began, if read. */
function beganAfter(line: StatementLine | undefined): string {
  if (line === undefined) return 'no earlier entry of its transaction was logged';
  const at = `${shortTime(line.ts)} [entry ${line.entry_id}]`;
  if (BEFORE_TRANSACTION.includes(line.kind)) return `its transaction began after its session started at ${at}`;
  if (line.kind === 'disconnection') return `its session began after the pid's previous one ended at ${at}`;
  return `its transaction began after the one before ended (${ENDINGS[line.kind] ?? line.kind}) at ${at}`;
}

export function rootFacts(db: Database.Database, tree: BlockingTree): RootFacts {
  const pid = tree.root;
  // The latest time a line of the root's can be about the blocking.
  const until = shifted(directWaitsEnd(tree) ?? '\uffff', LET_GO_SLACK_MS);
  const since = tree.firstWait ?? '';
  const session = db
    .prepare(
      `SELECT application_name, user_name, database_name, client FROM entries
        WHERE pid = ? AND ts <= ? AND (application_name IS NOT NULL OR user_name IS NOT NULL) AND ${NOT_MIRRORED}
        ORDER BY ts DESC LIMIT 1`,
    )
    .get(pid, until) as { application_name: string | null; user_name: string | null; database_name: string | null; client: string | null } | undefined;
  const lines = db
    .prepare(
      `SELECT id AS entry_id, ts, kind, severity, statement, message FROM entries
        WHERE pid = ? AND ts <= ? AND ts >= ? AND ${NOT_MIRRORED}
          AND (kind IN ('duration', 'statement_logged', 'execute_logged', ${BOUNDARY_KINDS.map(() => '?').join(', ')}) OR statement IS NOT NULL)
        ORDER BY ts DESC, id DESC LIMIT ${STATEMENT_LINES_READ}`,
    )
    .all(pid, until, shifted(since === '' ? until : since, -STATEMENTS_BEFORE_MS), ...BOUNDARY_KINDS) as StatementLine[];
  // Newest first: what comes after the boundary is from before the blocking transaction.
  const boundary = lines.findIndex((l) => since !== '' && l.ts !== null && l.ts < since && BOUNDARY_KIND_SET.has(l.kind));
  const ofThisTransaction = (boundary === -1 ? lines : lines.slice(0, boundary)).filter((l) => l.statement !== null || isStatementLine(l.kind));
  const statements = executionsOf(ofThisTransaction.reverse()).slice(-STATEMENTS_SHOWN);
  const xid = xidHeld(pid, tree);
  const xactStart = xid === null ? undefined : (db.prepare(`SELECT min(ts) AS ts FROM entries WHERE pid = ? AND xid = ? AND ${NOT_MIRRORED}`).get(pid, xid) as { ts: string | null });
  // Its transaction's first logged entry only helps when it came before the first wait.
  const xactFirst = xactStart?.ts != null && (tree.firstWait === null || xactStart.ts < tree.firstWait) ? xactStart.ts : null;
  const holdingSince = xactFirst ?? tree.firstWait;
  const ending = db
    .prepare(
      `SELECT id, ts, kind FROM entries
        WHERE pid = ? AND ts >= ? AND ts <= ? AND ${NOT_MIRRORED}
          AND kind IN (${Object.keys(ENDINGS).map(() => '?').join(', ')})
        ORDER BY ts, id LIMIT 1`,
    )
    .get(pid, since, until, ...Object.keys(ENDINGS)) as { id: number; ts: string | null; kind: string } | undefined;
  return {
    pid,
    application_name: session?.application_name ?? null,
    user_name: session?.user_name ?? null,
    database_name: session?.database_name ?? null,
    client: session?.client ?? null,
    statements,
    holding_since: holdingSince,
    holding_since_evidence: xactFirst !== null ? `first logged entry of its transaction ${xid}` : `the first wait it caused; ${beganAfter(lines[boundary])}`,
    ended: ending
      ? { how: ENDINGS[ending.kind] ?? ending.kind, ts: ending.ts, entry_id: ending.id }
      : { how: 'no ending logged while it blocked: it committed or rolled back without logging, or still ran at the end of the log', ts: null, entry_id: null },
  };
}
