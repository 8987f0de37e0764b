import type { KindInfo } from '../kind-info.js';

/** Statements cancelled and sessions terminated, by timers, people or recovery. */
export const TIMEOUT_KINDS = {
  statement_timeout: {
    family: 'timeout',
    description: 'statement_timeout cancelled the statement.',
    sqlstate: '57014',
    patterns: ['canceling statement due to statement timeout'],
  },
  lock_timeout: {
    family: 'timeout',
    description: 'lock_timeout cancelled the statement while it waited for a lock.',
    sqlstate: '55P03',
    patterns: ['canceling statement due to lock timeout'],
  },
  user_cancel: {
    family: 'timeout',
    description: 'The client or pg_cancel_backend() cancelled the statement.',
    sqlstate: '57014',
    patterns: ['canceling statement due to user request'],
  },
  idle_in_transaction_timeout: {
    family: 'timeout',
    description: 'idle_in_transaction_session_timeout ended the session.',
    sqlstate: '25P03',
    patterns: ['terminating connection due to idle-in-transaction timeout'],
  },
  idle_session_timeout: {
    family: 'timeout',
    description: 'idle_session_timeout ended the session (14+).',
    sqlstate: '57P05',
    patterns: ['terminating connection due to idle-session timeout'],
  },
  transaction_timeout: {
    family: 'timeout',
    description: 'transaction_timeout ended the session (17+).',
    sqlstate: '25P04',
    patterns: ['terminating connection due to transaction timeout'],
  },
  admin_terminated: {
    family: 'timeout',
    description: 'pg_terminate_backend() or a fast shutdown ended the process.',
    sqlstate: '57P01',
    patterns: [
      'terminating connection due to administrator command',
      'terminating autovacuum process due to administrator command',
      'terminating background worker "%s" due to administrator command',
      'terminating logical replication worker due to administrator command',
      'terminating walreceiver process due to administrator command',
    ],
  },
  autovacuum_canceled: {
    family: 'timeout',
    description: 'An autovacuum worker gave way to a conflicting lock request.',
    sqlstate: '57014',
    patterns: ['canceling autovacuum task'],
  },
  recovery_conflict: {
    family: 'timeout',
    description: 'On a standby, replay needed something this query held (DETAIL says what).',
    sqlstate: '40001',
    patterns: [
      'canceling statement due to conflict with recovery',
      'terminating connection due to conflict with recovery',
    ],
  },
} as const satisfies Record<string, KindInfo>;
