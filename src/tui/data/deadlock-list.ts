/**
 * The deadlocks screen's list, a page at a time: the count, then only the rows on
 * screen (and their cycles). Pages are found on the `deadlocks (ts)` index, which
 * holds (ts, id): skipping to a page walks that index only, without reading rows.
 */
import { DEADLOCK_VIEW_SQL, withParticipants, type DeadlockRow, type DeadlockView } from '../../commands/deadlocks.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';

/** The window as bounds the index can use; no bound at all when open, so deadlocks without a time stay listed. */
function inWindow(window: TimeWindow): { sql: string; params: Record<string, string> } {
  const sql = ['1'];
  const params: Record<string, string> = {};
  if (window.from !== undefined) (sql.push('ts >= @from'), (params.from = window.from));
  if (window.to !== undefined) (sql.push('ts <= @to'), (params.to = window.to));
  return { sql: sql.join(' AND '), params };
}

export function countDeadlocks(db: Store, window: TimeWindow): number {
  const w = inWindow(window);
  return db.prepare(`SELECT count(*) FROM deadlocks WHERE ${w.sql}`).pluck().get(w.params) as number;
}

/** `limit` deadlocks from position `offset` of the window's list (time order), with their cycles. */
export function deadlockPage(db: Store, window: TimeWindow, offset: number, limit: number): DeadlockView[] {
  const w = inWindow(window);
  const ids = db
    .prepare(`SELECT id FROM deadlocks WHERE ${w.sql} ORDER BY ts, id LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...w.params, limit, offset }) as number[];
  if (ids.length === 0) return [];
  const rows = db.prepare(`${DEADLOCK_VIEW_SQL} WHERE d.id IN (${ids.map(() => '?').join(', ')}) ORDER BY d.ts, d.id`).all(...ids) as DeadlockRow[];
  return withParticipants(db, rows);
}

/** Where deadlock `id` is in the window's list, or null when it is not in it. */
export function deadlockPosition(db: Store, window: TimeWindow, id: number): number | null {
  const w = inWindow(window);
  const d = db.prepare(`SELECT ts FROM deadlocks WHERE id = @id AND ${w.sql}`).get({ ...w.params, id }) as { ts: string | null } | undefined;
  if (d === undefined) return null;
  // NULL times sort first, as ORDER BY ts puts them; each count is one range of the index.
  const count = (cond: string) => db.prepare(`SELECT count(*) FROM deadlocks WHERE ${w.sql} AND ${cond}`).pluck().get({ ...w.params, id, ts: d.ts }) as number;
  if (d.ts === null) return count('ts IS NULL AND id < @id');
  return count('ts IS NULL') + count('ts < @ts') + count('ts = @ts AND id < @id');
}
