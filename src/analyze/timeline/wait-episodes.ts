/**
 * Lock-wait episodes as time intervals. From `lock_waits` when the store has it;
 * otherwise from the lock messages themselves: `acquired`, `detected deadlock`
 * and `still waiting … after N ms` each prove a wait of [ts − N, ts], the
 * intervals of one pid that overlap are one episode, and a timeout, cancel or
 * termination of that pid right after a `still waiting` is where it ended.
 */
import type { Kind } from '../../classify/index.js';
import type { Store } from '../../store/open-store.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { hasTable } from '../../store/has-table.js';

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

const LOCK_KINDS = ['lock_wait_still', 'lock_wait_acquired', 'lock_wait_deadlock_detected'] as const satisfies readonly Kind[];
const ENDING_KINDS = ['lock_timeout', 'statement_timeout', 'user_cancel', 'admin_terminated'] as const satisfies readonly Kind[];

const AFTER = /^process \d+ (?:still waiting for|acquired|detected deadlock while waiting for) .+? on (.+) after ([\d.]+) ms/;

function fromEntries(db: Store, from: string, to: string): WaitEpisode[] {
  const rows = db
    .prepare(
      `SELECT id, pid, ts, kind, message FROM entries
        WHERE ts >= @from AND ts <= @to AND kind IN (${[...LOCK_KINDS, ...ENDING_KINDS].map((k) => `'${k}'`).join(', ')})
          AND pid IS NOT NULL AND ${NOT_MIRRORED_SQL}
        ORDER BY pid, ts, id`,
    )
    .all({ from, to }) as Array<{ id: number; pid: number; ts: string; kind: string; message: string }>;
  const episodes: WaitEpisode[] = [];
  /** The last episode was last seen `still waiting`: nothing said yet how it ended. */
  let open = false;
  for (const r of rows) {
    const last = episodes.at(-1);
    const endMs = Date.parse(r.ts);
    if ((ENDING_KINDS as readonly string[]).includes(r.kind)) {
      if (open && last?.pid === r.pid) last.endMs = Math.max(last.endMs, endMs);
      open = false;
      continue;
    }
    const m = AFTER.exec(r.message);
    if (!m) continue;
    const startMs = Math.round(endMs - Number(m[2]));
    if (last !== undefined && last.pid === r.pid && startMs <= last.endMs + 1) last.endMs = Math.max(last.endMs, endMs);
    else episodes.push({ pid: r.pid, startMs, endMs, object: m[1]!, entryId: r.id });
    open = r.kind === 'lock_wait_still';
  }
  return episodes;
}

/** Episodes overlapping [from, to]. */
export function loadWaitEpisodes(db: Store, from: string, to: string): WaitEpisode[] {
  return hasTable(db, 'lock_waits') ? fromTable(db, from, to) : fromEntries(db, from, to);
}
