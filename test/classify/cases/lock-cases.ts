import type { Case } from './case.js';

export const LOCK_CASES: readonly Case[] = [
  ['lock_wait_still', 'LOG', 'process 8735 still waiting for AccessExclusiveLock on relation 16398 of database 16388 after 200.122 ms'],
  ['lock_wait_still', 'LOG', 'process 9479 still waiting for ExclusiveLock on tuple (0,5) of relation 16391 of database 16388 after 200.230 ms'],
  ['lock_wait_still', 'LOG', 'process 9489 still waiting for ShareLock on virtual transaction 3/78 after 200.149 ms'],
  ['lock_wait_still', 'LOG', 'process 9513 still waiting for AccessShareLock on relation 16391 of database 16388 after 200.160 ms at character 15'],
  ['lock_wait_acquired', 'LOG', 'process 9497 acquired AccessExclusiveLock on object 16416 of class 1255 of database 16388 after 386.342 ms'],
  ['lock_wait_acquired', 'LOG', 'process 9475 acquired ShareLock on transaction 746 after 468.486 ms'],
  ['lock_wait_deadlock_detected', 'LOG', 'process 8661 detected deadlock while waiting for ShareLock on transaction 741 after 200.130 ms'],
  ['lock_wait_avoided', 'LOG', 'process 10066 avoided deadlock for ShareLock on transaction 758 by rearranging queue order after 200.136 ms'],
  // wording of PG 9.6-18 (proc.c; logged only when someone else ended the wait)
  ['lock_wait_failed', 'LOG', 'process 4242 failed to acquire ShareLock on transaction 9001 after 1500.042 ms'],
  ['lock_not_available', 'ERROR', 'could not obtain lock on row in relation "accounts"', '55P03'],
  ['lock_not_available', 'ERROR', 'could not obtain lock on row in relation "accounts"'],
  // PG 15 logs it at DEBUG1 (log_min_messages = debug1); older versions at LOG.
  ['autovacuum_cancel_sent', 'DEBUG', 'sending cancel to blocking autovacuum PID 17601'],
  ['deadlock', 'ERROR', 'deadlock detected', '40P01'],
  ['deadlock', 'ERROR', 'deadlock detected'],
];

export const TIMEOUT_CASES: readonly Case[] = [
  ['statement_timeout', 'ERROR', 'canceling statement due to statement timeout', '57014'],
  ['lock_timeout', 'ERROR', 'canceling statement due to lock timeout at character 15'],
  ['lock_timeout', 'ERROR', 'canceling statement due to lock timeout', '55P03'],
  ['user_cancel', 'ERROR', 'canceling statement due to user request', '57014'],
  ['idle_in_transaction_timeout', 'FATAL', 'terminating connection due to idle-in-transaction timeout', '25P03'],
  ['idle_session_timeout', 'FATAL', 'terminating connection due to idle-session timeout', '57P05'],
  // wording of PG 17+
  ['transaction_timeout', 'FATAL', 'terminating connection due to transaction timeout'],
  ['admin_terminated', 'FATAL', 'terminating connection due to administrator command', '57P01'],
  ['admin_terminated', 'FATAL', 'terminating walreceiver process due to administrator command', '57P01'],
  ['admin_terminated', 'FATAL', 'terminating autovacuum process due to administrator command', '57P01'],
  ['autovacuum_canceled', 'ERROR', 'canceling autovacuum task', '57014'],
  ['autovacuum_canceled', 'ERROR', 'canceling autovacuum task'],
  ['recovery_conflict', 'ERROR', 'canceling statement due to conflict with recovery', '40001'],
  ['recovery_conflict', 'FATAL', 'terminating connection due to conflict with recovery', '40001'],
];
