/** `pgautopsy locks`: lock-wait episodes, longest first, with how each ended. */
import type { Writable } from 'node:stream';
import type { Episode } from '../analyze/blockers/blocking-forest.js';
import { readStore } from '../store/open-store.js';
import { oneLine, textTable } from '../util/text-table.js';
import { shortTime, timeWindow } from '../util/time-arg.js';
import { UsageError } from './errors.js';

const RESOLUTIONS = ['acquired', 'deadlock', 'lock_timeout', 'statement_timeout', 'canceled', 'terminated', 'session_ended', 'unknown'];

export interface LocksOptions {
  db: string;
  from?: string;
  to?: string;
  pid?: number;
  object?: string;
  resolution?: string;
  limit: number;
  json: boolean;
}

/** A lock-wait episode as the blocking analysis sees it, plus where its evidence is. */
export interface LockWaitView extends Omit<Episode, 'start_entry_id'> {
  database_name: string | null;
  holder_ended: string | null;
  evidence: { file: string; line: number };
}

export function loadLockWaits(opts: Omit<LocksOptions, 'json'>): LockWaitView[] {
  if (opts.resolution !== undefined && !RESOLUTIONS.includes(opts.resolution)) {
    throw new UsageError(`--resolution '${opts.resolution}' is not one of ${RESOLUTIONS.join(', ')}`);
  }
  const window = timeWindow(opts);
  return readStore(opts.db, (db) => {
    const rows = db
      .prepare(
        `SELECT w.id, w.pid, w.application_name, w.user_name, w.database_name, w.mode, w.object, w.object_key, w.relation,
                w.start_ts, w.end_ts, w.wait_ms, w.resolution, w.holders, w.queue, w.holder_ended, w.statement,
                f.path AS file, e.line_start AS line
           FROM (SELECT * FROM lock_waits w
                  WHERE (@from IS NULL OR coalesce(w.end_ts, w.start_ts) >= @from) AND (@to IS NULL OR w.start_ts <= @to)
                    AND (@pid IS NULL OR w.pid = @pid OR EXISTS (SELECT 1 FROM json_each(w.holders) WHERE value = @pid))
                    AND (@object IS NULL OR instr(w.object, @object) > 0 OR instr(coalesce(w.relation, ''), @object) > 0 OR w.object_key = @object)
                    AND (@resolution IS NULL OR w.resolution = @resolution)
                  ORDER BY w.wait_ms DESC NULLS LAST, w.start_ts, w.id
                  LIMIT @limit) w
           -- Joined after the LIMIT: each row's entry is a random read of the largest table.
           JOIN entries e ON e.id = w.start_entry_id JOIN files f ON f.id = e.file_id
          ORDER BY w.wait_ms DESC NULLS LAST, w.start_ts, w.id`,
      )
      .all({
        from: window.from ?? null, to: window.to ?? null, pid: opts.pid ?? null, object: opts.object ?? null,
        resolution: opts.resolution ?? null, limit: opts.limit,
      }) as Array<Omit<LockWaitView, 'holders' | 'queue' | 'evidence'> & { holders: string; queue: string; file: string; line: number }>;
    return rows.map(({ file, line, holders, queue, ...w }) => ({
      ...w,
      holders: JSON.parse(holders) as number[],
      queue: JSON.parse(queue) as number[],
      evidence: { file, line },
    }));
  });
}

export function locksCommand(opts: LocksOptions, out: Writable): number {
  const waits = loadLockWaits(opts);
  if (opts.json) {
    out.write(`${JSON.stringify(waits, null, 2)}\n`);
    return waits.length;
  }
  if (waits.length === 0) {
    out.write('No lock waits in the store for this selection (is log_lock_waits on?).\n');
    return 0;
  }
  const rows = waits.map((w) => [
    shortTime(w.start_ts),
    w.wait_ms === null ? '?' : `${(w.wait_ms / 1000).toFixed(3)} s`,
    w.resolution,
    String(w.pid),
    w.application_name ?? '',
    w.mode,
    w.relation ? `${w.object} (${w.relation})` : w.object,
    `${w.holders.join(',')}${w.holder_ended ? ` [${w.holder_ended}]` : ''}`,
    oneLine(w.statement, 60),
  ]);
  out.write(`${textTable(['start (UTC)', 'waited', 'ended by', 'pid', 'app', 'mode', 'object', 'holders', 'statement'], rows)}\n`);
  return waits.length;
}
