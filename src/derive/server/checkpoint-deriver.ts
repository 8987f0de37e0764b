/**
 * Checkpoints and restartpoints (log_checkpoints): each `starting:` line with its
 * flags paired with the same process's `complete:` line and its figures. A start
 * that never completes (crash, end of log) keeps NULL figures; a completion whose
 * start the log missed keeps a NULL start. `checkpoints are occurring too
 * frequently` is logged just before the WAL-triggered start it concerns.
 */
import { parseCheckpointComplete, parseCheckpointStart, type CheckpointStart } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { CHECKPOINT_SCHEMA } from './checkpoint-schema.js';

interface Started {
  e: StoredEntry;
  start: CheckpointStart;
  tooFrequentS: number | null;
}

const COLUMNS = [
  'point', 'pid', 'start_ts', 'complete_ts', 'flags', 'reason', 'too_frequent_s', 'buffers', 'buffers_pct', 'slru_buffers',
  'wal_added', 'wal_removed', 'wal_recycled', 'write_s', 'sync_s', 'total_s', 'sync_files', 'longest_sync_s', 'average_sync_s',
  'distance_kb', 'estimate_kb', 'lsn', 'redo_lsn', 'start_entry_id', 'complete_entry_id',
] as const;

export const checkpointDeriver: Deriver = {
  name: 'checkpoints',
  tables: ['checkpoints'],
  schema: CHECKPOINT_SCHEMA,
  start(db) {
    const insert = db.prepare(`INSERT INTO checkpoints (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    const setRedo = db.prepare(`UPDATE checkpoints SET redo_lsn = coalesce(redo_lsn, ?) WHERE id = ?`);
    const started = new Map<number, Started>();
    const tooFrequent = new Map<number, number>();
    /** The last restartpoint written per process, for `recovery restart point at` that follows it. */
    const lastRestartpoint = new Map<number, number | bigint>();

    function write(s: Started | undefined, complete: StoredEntry | null): number | bigint {
      const row: Record<string, unknown> = Object.fromEntries(COLUMNS.map((c) => [c, null]));
      const c = complete === null ? undefined : parseCheckpointComplete(complete.message);
      Object.assign(row, {
        point: s?.start.point ?? c?.point ?? 'checkpoint', pid: (s?.e ?? complete)?.pid ?? null,
        start_ts: s?.e.ts ?? null, complete_ts: complete?.ts ?? null, flags: s?.start.flags.join(' ') ?? null,
        reason: s?.start.reason ?? null, too_frequent_s: s?.tooFrequentS ?? null,
        start_entry_id: s?.e.id ?? null, complete_entry_id: complete?.id ?? null,
      });
      if (c) {
        Object.assign(row, {
          buffers: c.buffers, buffers_pct: c.buffersPct, slru_buffers: c.slruBuffers ?? null, wal_added: c.walAdded,
          wal_removed: c.walRemoved, wal_recycled: c.walRecycled, write_s: c.writeS, sync_s: c.syncS, total_s: c.totalS,
          sync_files: c.syncFiles ?? null, longest_sync_s: c.longestS ?? null, average_sync_s: c.averageS ?? null,
          distance_kb: c.distanceKb ?? null, estimate_kb: c.estimateKb ?? null, lsn: c.lsn ?? null, redo_lsn: c.redoLsn ?? null,
        });
      }
      return insert.run(row).lastInsertRowid;
    }

    return {
      push(e) {
        if (e.pid === null) return;
        switch (e.kind) {
          case 'checkpoint_too_frequent': {
            const m = /\((\d+) seconds? apart\)/.exec(e.message);
            if (m) tooFrequent.set(e.pid, Number(m[1]));
            return;
          }
          case 'checkpoint_start':
          case 'restartpoint_start': {
            const start = parseCheckpointStart(e.message);
            if (!start) return;
            const previous = started.get(e.pid);
            if (previous) write(previous, null);
            started.set(e.pid, { e, start, tooFrequentS: tooFrequent.get(e.pid) ?? null });
            tooFrequent.delete(e.pid);
            return;
          }
          case 'checkpoint_complete':
          case 'restartpoint_complete': {
            const s = started.get(e.pid);
            started.delete(e.pid);
            const id = write(s, e);
            if (e.kind === 'restartpoint_complete') lastRestartpoint.set(e.pid, id);
            return;
          }
          case 'restartpoint_at': {
            const id = lastRestartpoint.get(e.pid);
            const m = /^recovery restart point at (\S+)/.exec(e.message);
            if (id !== undefined && m) setRedo.run(m[1]!, id);
            lastRestartpoint.delete(e.pid);
            return;
          }
          default:
        }
      },
      finish() {
        for (const s of started.values()) write(s, null);
      },
    };
  },
};
