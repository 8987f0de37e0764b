import type { KindInfo } from '../kind-info.js';

/**
 * Heavyweight-lock waits (log_lock_waits, after deadlock_timeout) and the
 * deadlock they can end in. `%s on %s` is a lock mode and a locked object.
 */
export const LOCK_KINDS = {
  lock_wait_still: {
    family: 'lock',
    description: 'A backend has waited deadlock_timeout for a lock and is still waiting.',
    patterns: ['process %d still waiting for %s on %s after %s ms'],
  },
  lock_wait_acquired: {
    family: 'lock',
    description: 'A logged lock wait ended with the lock granted.',
    patterns: ['process %d acquired %s on %s after %s ms'],
  },
  lock_wait_deadlock_detected: {
    family: 'lock',
    description: "The waiter's deadlock check found a cycle; a deadlock ERROR follows.",
    patterns: ['process %d detected deadlock while waiting for %s on %s after %s ms'],
  },
  lock_wait_avoided: {
    family: 'lock',
    description: 'A soft deadlock was resolved by reordering the wait queue.',
    patterns: ['process %d avoided deadlock for %s on %s by rearranging queue order after %s ms'],
  },
  lock_wait_failed: {
    family: 'lock',
    description: 'A logged lock wait ended without the lock (someone else broke the wait).',
    patterns: ['process %d failed to acquire %s on %s after %s ms'],
  },
  lock_not_available: {
    family: 'lock',
    description: 'NOWAIT / SKIP LOCKED style request found the lock taken.',
    sqlstate: '55P03',
    patterns: [
      'could not obtain lock on row in relation "%s"',
      'could not obtain lock on relation "%s"',
    ],
  },
  autovacuum_cancel_sent: {
    family: 'lock',
    description: 'A lock waiter is cancelling the autovacuum worker that blocks it.',
    patterns: ['sending cancel to blocking autovacuum PID %d'],
  },
  deadlock: {
    family: 'deadlock',
    description: 'The victim of a deadlock; DETAIL lists the cycle and each query.',
    sqlstate: '40P01',
    patterns: ['deadlock detected'],
  },
} as const satisfies Record<string, KindInfo>;
