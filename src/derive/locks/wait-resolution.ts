/** How the error or exit of a waiting backend ends its lock wait. */
export type Resolution =
  | 'acquired' | 'deadlock' | 'lock_timeout' | 'statement_timeout' | 'canceled' | 'terminated' | 'session_ended' | 'unknown';

/** Entry kinds that end the wait of the backend that logs them. */
export const ENDING_KINDS: Readonly<Record<string, Resolution>> = {
  lock_wait_acquired: 'acquired',
  lock_wait_deadlock_detected: 'deadlock',
  deadlock: 'deadlock',
  lock_timeout: 'lock_timeout',
  lock_not_available: 'lock_timeout',
  statement_timeout: 'statement_timeout',
  transaction_timeout: 'statement_timeout',
  user_cancel: 'canceled',
  recovery_conflict: 'canceled',
  admin_terminated: 'terminated',
  idle_session_timeout: 'terminated',
  crash_terminated_connection: 'terminated',
  disconnection: 'session_ended',
  client_connection_lost: 'session_ended',
};

/** Kinds that end every wait at once: the server went away. */
export const SERVER_ENDING_KINDS: ReadonlySet<string> = new Set(['terminating_others', 'shutting_down', 'shut_down', 'server_crash']);

/** Kinds that say how a lock holder's session ended, for `holder_ended`. */
export const HOLDER_ENDINGS: Readonly<Record<string, string>> = {
  admin_terminated: 'terminated',
  idle_in_transaction_timeout: 'idle_in_transaction_timeout',
  idle_session_timeout: 'idle_session_timeout',
  statement_timeout: 'statement_timeout',
  lock_timeout: 'lock_timeout',
  user_cancel: 'canceled',
  deadlock: 'deadlock_victim',
  disconnection: 'disconnected',
  client_connection_lost: 'connection_lost',
};
