import { parseLockedObject, type LockedObject } from './locked-object.js';

export type LockWaitEvent = 'still_waiting' | 'acquired' | 'deadlock_detected' | 'avoided' | 'failed';

export interface LockWait {
  event: LockWaitEvent;
  pid: number;
  /** `ShareLock`, `AccessExclusiveLock`... */
  mode: string;
  object: LockedObject;
  /** Time waited so far (still_waiting) or in all. */
  ms: number;
}

const VERBS: Readonly<Record<string, LockWaitEvent>> = {
  'still waiting for': 'still_waiting',
  acquired: 'acquired',
  'detected deadlock while waiting for': 'deadlock_detected',
  'avoided deadlock for': 'avoided',
  'failed to acquire': 'failed',
};

// The object text never contains " after "; a cursor position may follow (` at character 15`).
const LOCK_WAIT =
  /^process (\d+) (still waiting for|acquired|detected deadlock while waiting for|avoided deadlock for|failed to acquire) (\S+) on (.+?)(?: by rearranging queue order)? after (\d+(?:\.\d+)?) ms/;

/** `process 8735 still waiting for AccessExclusiveLock on relation 16398 of database 16388 after 200.122 ms` */
export function parseLockWait(message: string): LockWait | undefined {
  const m = LOCK_WAIT.exec(message);
  if (!m) return undefined;
  return {
    event: VERBS[m[2]!]!,
    pid: Number(m[1]),
    mode: m[3]!,
    object: parseLockedObject(m[4]!),
    ms: Number(m[5]),
  };
}
