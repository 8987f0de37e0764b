/**
 * What the log says about a root blocker: its session, what it ran, since when it
 * held what others waited for, and how it ended. All of it is evidence with entry ids.
 */
import type Database from 'better-sqlite3';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import type { BlockingTree, Episode } from './blocking-forest.js';
import { shifted, transactionBegan, transactionEnd, transactionSoFar } from '../transactions/transaction-so-far.js';
import type { StatementSeen } from '../transactions/statement-executions.js';

export type { StatementSeen };

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

/** When the last wait on the root itself ended ('\uffff' while one never did); null without any. */
function directWaitsEnd(tree: BlockingTree): string | null {
  let end: string | null = null;
  for (const node of tree.children) for (const e of node.episodes) if (end === null || (e.end_ts ?? '\uffff') > end) end = e.end_ts ?? '\uffff';
  return end;
}

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

export function rootFacts(db: Database.Database, tree: BlockingTree): RootFacts {
  const pid = tree.root;
  // The latest time a line of the root's can be about the blocking.
  const until = shifted(directWaitsEnd(tree) ?? '\uffff', LET_GO_SLACK_MS);
  const since = tree.firstWait ?? '';
  const session = db
    .prepare(
      `SELECT application_name, user_name, database_name, client FROM entries
        WHERE pid = ? AND ts <= ? AND (application_name IS NOT NULL OR user_name IS NOT NULL) AND ${NOT_MIRRORED_SQL}
        ORDER BY ts DESC LIMIT 1`,
    )
    .get(pid, until) as { application_name: string | null; user_name: string | null; database_name: string | null; client: string | null } | undefined;
  const { statements, start } = transactionSoFar(db, pid, since, until);
  const xid = xidHeld(pid, tree);
  const xactStart = xid === null ? undefined : (db.prepare(`SELECT min(ts) AS ts FROM entries WHERE pid = ? AND xid = ? AND ${NOT_MIRRORED_SQL}`).get(pid, xid) as { ts: string | null });
  // Its transaction's first logged entry only helps when it came before the first wait.
  const xactFirst = xactStart?.ts != null && (tree.firstWait === null || xactStart.ts < tree.firstWait) ? xactStart.ts : null;
  const holdingSince = xactFirst ?? tree.firstWait;
  const ending = transactionEnd(db, pid, since, until);
  return {
    pid,
    application_name: session?.application_name ?? null,
    user_name: session?.user_name ?? null,
    database_name: session?.database_name ?? null,
    client: session?.client ?? null,
    statements,
    holding_since: holdingSince,
    holding_since_evidence: xactFirst !== null ? `first logged entry of its transaction ${xid}` : `the first wait it caused; ${start === undefined ? 'no line read shows where its transaction began' : transactionBegan(start)}`,
    ended: ending ?? { how: 'no ending logged while it blocked: it committed or rolled back without logging, or still ran at the end of the log', ts: null, entry_id: null },
  };
}
