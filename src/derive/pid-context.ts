/**
 * What the entries of a backend reveal about it (user, database, application,
 * transaction id), for facts that name a pid but not its session: deadlock
 * participants, lock holders. Pids are reused, so a value is only trusted
 * within WINDOW_MS of the entry that showed it.
 */
import type { StoredEntry } from './deriver.js';
import { msBetween } from './iso-time.js';

export { msBetween };

const WINDOW_MS = 60_000;

export interface PidFacts {
  user_name: string | null;
  database_name: string | null;
  application_name: string | null;
  xid: number | null;
  ts: string | null;
}

export interface PidContext {
  see(e: StoredEntry): void;
  /** The latest facts about `pid` seen within the window before `ts`. */
  before(pid: number, ts: string | null): PidFacts | undefined;
}


export function createPidContext(): PidContext {
  const facts = new Map<number, PidFacts>();
  return {
    see(e) {
      if (e.pid === null) return;
      const f = facts.get(e.pid);
      if (!f || msBetween(f.ts, e.ts) > WINDOW_MS) {
        facts.set(e.pid, { user_name: e.user_name, database_name: e.database_name, application_name: e.application_name, xid: e.xid, ts: e.ts });
        return;
      }
      f.user_name = e.user_name ?? f.user_name;
      f.database_name = e.database_name ?? f.database_name;
      f.application_name = e.application_name ?? f.application_name;
      f.xid = e.xid ?? f.xid;
      f.ts = e.ts ?? f.ts;
    },
    before(pid, ts) {
      const f = facts.get(pid);
      return f && msBetween(f.ts, ts) <= WINDOW_MS ? f : undefined;
    },
  };
}
