/**
 * What the entries of a backend reveal about it (user, database, application,
 * transaction id), for facts that name a pid but not its session: deadlock
 * participants, lock holders. Pids are reused, so a value is only trusted
 * within WINDOW_MS of the entry that showed it.
 */
import type { StoredEntry } from './deriver.js';
import { isoMs, msBetween } from './iso-time.js';

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


/** The facts, with their time in ms: each entry's time is read once, not again at every later entry of the pid. */
interface Seen extends PidFacts {
  ms: number;
}

const timeMs = (ts: string | null): number => (ts === null ? NaN : isoMs(ts));

/** Within the window: both times known and at most WINDOW_MS apart (msBetween's rule). */
const near = (a: number, b: number): boolean => Math.abs(b - a) <= WINDOW_MS;

export function createPidContext(): PidContext {
  const facts = new Map<number, Seen>();
  return {
    see(e) {
      if (e.pid === null) return;
      const f = facts.get(e.pid);
      const ms = timeMs(e.ts);
      if (!f || !near(f.ms, ms)) {
        facts.set(e.pid, { user_name: e.user_name, database_name: e.database_name, application_name: e.application_name, xid: e.xid, ts: e.ts, ms });
        return;
      }
      f.user_name = e.user_name ?? f.user_name;
      f.database_name = e.database_name ?? f.database_name;
      f.application_name = e.application_name ?? f.application_name;
      f.xid = e.xid ?? f.xid;
      f.ts = e.ts; // known: an entry without a time is never near
      f.ms = ms;
    },
    before(pid, ts) {
      const f = facts.get(pid);
      return f && near(f.ms, timeMs(ts)) ? f : undefined;
    },
  };
}
