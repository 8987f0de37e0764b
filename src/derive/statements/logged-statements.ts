/**
 * When log_statement printed a statement, the server times it with a bare
 * `duration: … ms` (log_duration, or log_min_duration_statement for a statement
 * already shown), logged by the same backend once the statement ends. Entries
 * in between (lock waits, temp files, notices) happen during the statement; the
 * next statement line, a failure or a session event means no duration is coming.
 */
import type { StoredEntry } from '../deriver.js';
import type { Shape } from './statement-shaper.js';
import { isStatementLine } from './statement-entry.js';

export interface LoggedStatement {
  shape: Shape;
  preparedName: string | null;
}

const FAILURES = new Set(['ERROR', 'FATAL', 'PANIC']);

export interface LoggedStatements {
  /** The statement `e`'s backend logged and has not finished yet, if `e` ends it (forgotten then). */
  settle(e: StoredEntry): LoggedStatement | undefined;
  remember(pid: number, statement: LoggedStatement): void;
}

export function createLoggedStatements(): LoggedStatements {
  const running = new Map<number, LoggedStatement>();
  return {
    settle(e) {
      if (e.pid === null || running.size === 0) return undefined;
      if (!isStatementLine(e.kind) && e.family !== 'connection' && !FAILURES.has(e.severity)) return undefined;
      const statement = running.get(e.pid);
      if (statement !== undefined) running.delete(e.pid);
      return statement;
    },
    remember(pid, statement) {
      running.set(pid, statement);
    },
  };
}
