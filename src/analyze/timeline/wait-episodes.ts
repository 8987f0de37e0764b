/**
 * Lock-wait episodes as time intervals. From `lock_waits` when the store has it;
 * otherwise from the lock messages themselves: `acquired`, `detected deadlock`
 * and `still waiting … after N ms` each prove a wait of [ts − N, ts], and the
 * intervals of one pid that overlap are one episode (a wait cut short by a
 * timeout then counts only up to its last report).
 */
import type { Store } from '../../store/open-store.js';
import { NOT_MIRRORED_SQL } from './bucket-frame.js';
import { hasTable } from './has-table.js';

export interface WaitEpisode {
  pid: number;
  startMs: number;
  /** When it ended, or when it was last reported still waiting if no end was logged. */
  endMs: number;
  /** The relation's name, else the object as the server printed it. */
  object: string;
  entryId: number;
}

interface TableRow { pid: number; start_ts: string; end_ts: string | null; object: string; start_entry_id: number }

function fromTable(db: Store, from: string, to: string): WaitEpisode[] {
  const rows = db
    .prepare(
      `SELECT pid, start_ts, coalesce(end_ts, reported_ts) AS end_ts, coalesce(relation, object) AS object, start_entry_id
         FROM lock_waits
        WHERE start_ts IS NOT NULL AND start_ts <= @to AND coalesce(end_ts, reported_ts, start_ts) >= @from`,
    )
    .all({ from, to }) as TableRow[];
  return rows.map((r) => {
    const startMs = Date.parse(r.start_ts);
    return { pid: r.pid, startMs, endMs: r.end_ts === null ? startMs : Math.max(startMs, Date.parse(r.end_ts)), object: r.object, entryId: r.start_entry_id };
  });
}

const AFTER = /^process \d+ (?:still waiting for|acquired|detected deadlock while waiting for) .+? on (.+) after ([\d.]+) ms/;

function fromEntries(db: Store, from: string, to: string): WaitEpisode[] {
  const rows = db
    .prepare(
      `SELECT id, pid, ts, message FROM entries
        WHERE ts >= @from AND ts <= @to AND kind IN ('lock_wait_still', 'lock_wait_acquired', 'lock_wait_deadlock_detected')
          AND pid IS NOT NULL AND ${NOT_MIRRORED_SQL}
        ORDER BY pid, ts`,
    )
    .all({ from, to }) as Array<{ id: number; pid: number; ts: string; message: string }>;
  const episodes: WaitEpisode[] = [];
  for (const r of rows) {
    const m = AFTER.exec(r.message);
    if (!m) continue;
    const endMs = Date.parse(r.ts);
    const startMs = Math.round(endMs - Number(m[2]));
    const last = episodes.at(-1);
    if (last !== undefined && last.pid === r.pid && startMs <= last.endMs + 1) last.endMs = Math.max(last.endMs, endMs);
    else episodes.push({ pid: r.pid, startMs, endMs, object: m[1]!, entryId: r.id });
  }
  return episodes;
}

/** Episodes overlapping [from, to]. */
export function loadWaitEpisodes(db: Store, from: string, to: string): WaitEpisode[] {
  return hasTable(db, 'lock_waits') ? fromTable(db, from, to) : fromEntries(db, from, to);
}
