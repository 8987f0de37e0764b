/** The postmortem as data: everything a report states, with the evidence behind it. */
import type { DeadlockView } from '../commands/deadlocks.js';
import type { BlockingTreeView } from '../commands/blockers.js';
import type { LoggingGap } from '../analyze/gaps/logging-gaps.js';

export interface Evidence {
  entry_id: number;
  ts: string | null;
  file: string;
  line: number;
  text: string;
}

export interface KeyEvent {
  ts: string | null;
  what: string;
  evidence: Evidence;
}

export interface RootCause {
  title: string;
  explanation: string;
  evidence: Evidence[];
}

export interface Counts {
  entries: number;
  errors: number;
  fatals: number;
  panics: number;
  deadlocks: number;
  lock_waits: number;
  lock_wait_seconds: number;
  statement_timeouts: number;
  lock_timeouts: number;
  idle_timeouts: number;
  canceled: number;
  terminated: number;
  refused_connections: number;
  auth_failures: number;
  crashes: number;
  slow_statements: number;
}

export interface StatementStat {
  statement: string;
  calls: number;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  errors: number;
  applications: string;
}

export interface ApplicationStat {
  application: string;
  sessions: number;
  statements: number;
  statement_ms: number;
  errors: number;
  deadlocks: number;
  lock_waits: number;
  lock_wait_seconds: number;
  timeouts: number;
  refused: number;
}

export interface Bucket {
  start: string;
  errors: number;
  lock_wait_seconds: number;
  connections: number;
  refused: number;
  deadlocks: number;
}

export interface Postmortem {
  title: string;
  generated_at: string;
  store: string;
  window: { from: string | null; to: string | null; chosen_by: string };
  logs: { files: number; first_ts: string | null; last_ts: string | null; formats: string[] };
  summary: string[];
  counts: Counts;
  timeline: KeyEvent[];
  root_causes: RootCause[];
  /** The window's first deadlocks, in time order (REPORT_DEADLOCKS of them at most). */
  deadlocks: DeadlockView[];
  /** How many deadlocks the window has. */
  deadlocks_total: number;
  /** The window's first blocking trees, most waiting first (REPORT_TREES of them at most). */
  blocking: BlockingTreeView[];
  /** How many blocking trees the window has. */
  blocking_total: number;
  refusals: Array<{ reason: string; count: number; first: string | null; last: string | null; applications: string }>;
  timeouts: Array<{ kind: string; count: number; applications: string }>;
  top_statements_by_time: StatementStat[];
  top_statements_by_errors: StatementStat[];
  applications: ApplicationStat[];
  histogram: Bucket[];
  bucket_seconds: number;
  missing: LoggingGap[];
  redacted: boolean;
}
