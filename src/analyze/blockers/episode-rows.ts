/** Lock-wait episodes as the blocking forest takes them, read from `lock_waits`. */
import type Database from 'better-sqlite3';
import type { Episode } from './blocking-forest.js';

/** The `lock_waits` columns of an Episode (and `waits_for_xid`, for root facts). */
export const EPISODE_COLUMNS = `id, pid, mode, object, object_key, relation, start_ts, end_ts, wait_ms, resolution, holders, queue,
  application_name, user_name, statement, start_entry_id, waits_for_xid`;

/** Episodes that overlap the window [@from, @to] (NULL: unbounded); an episode with no end is still going on. */
export const IN_WINDOW = '(@to IS NULL OR start_ts <= @to) AND (@from IS NULL OR end_ts IS NULL OR end_ts >= @from)';

type EpisodeRow = Omit<Episode, 'holders' | 'queue'> & { holders: string; queue: string };

/** Runs a SELECT of EPISODE_COLUMNS; the forest's order (and so the trees') is the rows' order. */
export function readEpisodes(statement: Database.Statement, params?: Record<string, unknown> | unknown[]): Episode[] {
  const rows = (params === undefined ? statement.all() : Array.isArray(params) ? statement.all(...params) : statement.all(params)) as EpisodeRow[];
  return rows.map((e) => ({ ...e, holders: JSON.parse(e.holders) as number[], queue: JSON.parse(e.queue) as number[] }));
}
