export interface LockHolders {
  holders: number[];
  /** Waiters in queue order (the one logging is among them). */
  queue: number[];
}

const HOLDERS = /^Process(?:es)? holding the lock: ([\d, ]*)\. Wait queue: ([\d, ]*)\./;

const pids = (list: string): number[] =>
  list.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);

/** DETAIL of a lock wait: `Process holding the lock: 123. Wait queue: 456, 789.` (or `Processes holding the lock: 1, 2. Wait queue: .`) */
export function parseLockHolders(detail: string): LockHolders | undefined {
  const m = HOLDERS.exec(detail.trimStart());
  if (!m) return undefined;
  return { holders: pids(m[1]!), queue: pids(m[2]!) };
}
