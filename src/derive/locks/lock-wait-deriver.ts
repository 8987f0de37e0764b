/**
 * Lock-wait episodes. With log_lock_waits a backend that has waited deadlock_timeout
 * logs `still waiting for MODE on OBJECT after N ms` (DETAIL: holders and queue);
 * the wait then ends with `acquired … after N ms`, `detected deadlock while
 * waiting`, or an error/exit of the same backend (lock or statement timeout,
 * cancel, termination, disconnection). One row per wait, with how it ended and
 * what happened to the holder meanwhile.
 */
import { describeObject, objectKey, parseDeadlockContext, parseLockHolders, parseLockWait, type LockedObject } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { LOCK_WAIT_SCHEMA } from './lock-wait-schema.js';
import { msFrom, shiftTs } from '../iso-time.js';
import { nameRelations } from '../relation-names.js';
import { ENDING_KINDS, HOLDER_ENDINGS, SERVER_ENDING_KINDS, type Resolution } from './wait-resolution.js';

interface Episode {
  pid: number;
  mode: string;
  object: LockedObject;
  startTs: string | null;
  reportedTs: string | null;
  holders: number[];
  queue: number[];
  entry: StoredEntry;
}

export const lockWaitDeriver: Deriver = {
  name: 'lock_waits',
  tables: ['lock_waits'],
  schema: LOCK_WAIT_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO lock_waits (pid, mode, object_type, object, object_key, waits_for_xid, relation_oid, database_oid,
         relation, start_ts, reported_ts, end_ts, wait_ms, resolution, holders, queue, holder_ended, statement, context,
         user_name, database_name, application_name, start_entry_id, end_entry_id)
       VALUES (@pid, @mode, @object_type, @object, @object_key, @waits_for_xid, @relation_oid, @database_oid,
         @relation, @start_ts, @reported_ts, @end_ts, @wait_ms, @resolution, @holders, @queue, @holder_ended, @statement,
         @context, @user_name, @database_name, @application_name, @start_entry_id, @end_entry_id)`,
    );
    const open = new Map<number, Episode>();
    /** How sessions ended, by pid: for telling what became of a holder. */
    const endings = new Map<number, Array<{ ts: string | null; how: string }>>();

    function holderEnded(ep: Episode, endTs: string | null): string | null {
      for (const pid of ep.holders) {
        const found = endings.get(pid)?.find((x) => x.ts !== null && ep.startTs !== null && x.ts >= ep.startTs && (endTs === null || x.ts <= endTs));
        if (found) return found.how;
      }
      return null;
    }

    function close(ep: Episode, resolution: Resolution, end: StoredEntry | null, totalMs: number | null): void {
      open.delete(ep.pid);
      const endTs = end?.ts ?? null;
      const o = ep.object;
      const where = ep.entry.context === null ? undefined : parseDeadlockContext(ep.entry.context);
      insert.run({
        pid: ep.pid, mode: ep.mode, object_type: o.type, object: describeObject(o), object_key: objectKey(o),
        waits_for_xid: o.type === 'transaction' ? o.xid : null, relation_oid: 'relation' in o ? o.relation : null,
        database_oid: 'database' in o ? o.database : null, relation: where?.relation ?? null,
        start_ts: ep.startTs, reported_ts: ep.reportedTs, end_ts: endTs,
        wait_ms: totalMs ?? msFrom(ep.startTs, endTs), resolution,
        holders: JSON.stringify(ep.holders), queue: JSON.stringify(ep.queue), holder_ended: holderEnded(ep, endTs),
        statement: ep.entry.statement, context: ep.entry.context, user_name: ep.entry.user_name,
        database_name: ep.entry.database_name, application_name: ep.entry.application_name,
        start_entry_id: ep.entry.id, end_entry_id: end?.id ?? null,
      });
    }

    function noteEnding(e: StoredEntry): void {
      const how = HOLDER_ENDINGS[e.kind];
      if (how === undefined || e.pid === null) return;
      const list = endings.get(e.pid) ?? [];
      list.push({ ts: e.ts, how });
      if (list.length > 8) list.shift();
      endings.set(e.pid, list);
    }

    return {
      push(e) {
        noteEnding(e);
        if (SERVER_ENDING_KINDS.has(e.kind)) {
          for (const ep of [...open.values()]) close(ep, 'terminated', e, null);
          return;
        }
        if (e.pid === null) return;
        const current = open.get(e.pid);
        if (e.kind === 'lock_wait_still') {
          const wait = parseLockWait(e.message);
          if (!wait) return;
          // A new wait of the same backend means the previous one ended unseen.
          if (current && objectKey(current.object) !== objectKey(wait.object)) close(current, 'unknown', null, null);
          if (current && objectKey(current.object) === objectKey(wait.object)) return;
          const queue = e.detail === null ? undefined : parseLockHolders(e.detail);
          open.set(e.pid, {
            pid: e.pid, mode: wait.mode, object: wait.object, startTs: shiftTs(e.ts, -wait.ms), reportedTs: e.ts,
            holders: queue?.holders ?? [], queue: queue?.queue ?? [], entry: e,
          });
          return;
        }
        if (!current) return;
        const resolution = ENDING_KINDS[e.kind];
        if (resolution === undefined) return;
        const wait = e.kind.startsWith('lock_wait_') ? parseLockWait(e.message) : undefined;
        close(current, resolution, e, wait?.ms ?? null);
      },
      finish() {
        for (const ep of [...open.values()]) close(ep, 'unknown', null, null);
        nameRelations(db, 'lock_waits', 'relation');
      },
    };
  },
};
