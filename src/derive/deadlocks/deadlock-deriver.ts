/**
 * Deadlocks with their participants. The victim's backend logs `deadlock detected`
 * with the whole cycle in DETAIL (who waits for what, blocked by whom, and every
 * participant's query); its earlier `detected deadlock while waiting … after N ms`
 * gives how long it waited. The survivors' user, application and transaction id
 * come from their own entries around that time.
 */
import { describeObject, objectKey, parseDeadlockContext, parseDeadlockDetail, parseLockWait, type LockedObject } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { createPidContext, msBetween } from '../pid-context.js';
import { DEADLOCK_SCHEMA } from './deadlock-schema.js';
import { createShaper } from '../statements/statement-shaper.js';
import { nameRelations } from '../relation-names.js';

/** A victim's `detected deadlock while waiting` line precedes its ERROR by well under this. */
const DETECTED_WINDOW_MS = 5_000;
/** Survivors usually log again right after the deadlock (their statement completes). */
const LATER_FACTS_MS = 60_000;

interface Detected {
  entryId: number;
  ts: string | null;
  ms: number;
}

interface PendingParticipant {
  deadlockId: number;
  position: number;
  ts: string | null;
}

function objectColumns(o: LockedObject) {
  return {
    waits_for_xid: o.type === 'transaction' || o.type === 'speculative' ? o.xid : null,
    relation_oid: 'relation' in o ? o.relation : null,
    database_oid: 'database' in o ? o.database : null,
    page: 'page' in o ? o.page : null,
    tuple: o.type === 'tuple' ? o.tuple : null,
    advisory_key: o.type === 'advisory' || o.type === 'userlock' ? o.key.join(',') : null,
    vxid: o.type === 'virtualxid' ? o.vxid : null,
  };
}

export const deadlockDeriver: Deriver = {
  name: 'deadlocks',
  tables: ['deadlock_participants', 'deadlocks'],
  schema: DEADLOCK_SCHEMA,
  start(db) {
    const insertDeadlock = db.prepare(
      `INSERT INTO deadlocks (entry_id, ts, victim_pid, database_name, user_name, application_name, processes,
         relation, tuple, victim_wait_ms, detected_entry_id, victim_statement)
       VALUES (@entry_id, @ts, @victim_pid, @database_name, @user_name, @application_name, @processes,
         @relation, @tuple, @victim_wait_ms, @detected_entry_id, @victim_statement)`,
    );
    const insertParticipant = db.prepare(
      `INSERT INTO deadlock_participants (deadlock_id, position, pid, is_victim, mode, object_type, object, object_key,
         waits_for_xid, relation_oid, database_oid, page, tuple, advisory_key, vxid, blocked_by, query, fingerprint,
         user_name, database_name, application_name, xid)
       VALUES (@deadlock_id, @position, @pid, @is_victim, @mode, @object_type, @object, @object_key,
         @waits_for_xid, @relation_oid, @database_oid, @page, @tuple, @advisory_key, @vxid, @blocked_by, @query, @fingerprint,
         @user_name, @database_name, @application_name, @xid)`,
    );
    const fillLater = db.prepare(
      `UPDATE deadlock_participants SET
         user_name = coalesce(user_name, ?), database_name = coalesce(database_name, ?),
         application_name = coalesce(application_name, ?), xid = coalesce(xid, ?)
       WHERE deadlock_id = ? AND position = ?`,
    );
    const context = createPidContext();
    const shaper = createShaper();
    const detected = new Map<number, Detected>();
    const pending = new Map<number, PendingParticipant[]>();

    function completeFromLater(e: StoredEntry): void {
      if (e.pid === null) return;
      const waiting = pending.get(e.pid);
      if (!waiting) return;
      const keep = waiting.filter((p) => {
        if (msBetween(p.ts, e.ts) > LATER_FACTS_MS) return false;
        fillLater.run(e.user_name, e.database_name, e.application_name, e.xid, p.deadlockId, p.position);
        return e.user_name === null || e.application_name === null;
      });
      if (keep.length > 0) pending.set(e.pid, keep);
      else pending.delete(e.pid);
    }

    function record(e: StoredEntry): void {
      const cycle = parseDeadlockDetail(e.detail ?? '');
      if (!cycle) return;
      const d = e.pid === null ? undefined : detected.get(e.pid);
      const waited = d && msBetween(d.ts, e.ts) <= DETECTED_WINDOW_MS ? d : undefined;
      const where = e.context === null ? undefined : parseDeadlockContext(e.context);
      const deadlockId = Number(
        insertDeadlock.run({
          entry_id: e.id, ts: e.ts, victim_pid: e.pid, database_name: e.database_name, user_name: e.user_name,
          application_name: e.application_name, processes: cycle.participants.length,
          relation: where?.relation ?? null, tuple: where ? `(${where.page},${where.tuple})` : null,
          victim_wait_ms: waited?.ms ?? null, detected_entry_id: waited?.entryId ?? null, victim_statement: e.statement,
        }).lastInsertRowid,
      );
      // Whoever blocks a process waiting on `transaction N` holds xid N.
      const heldXid = new Map<number, number>();
      for (const p of cycle.participants) if (p.object.type === 'transaction') heldXid.set(p.blockedBy, p.object.xid);
      cycle.participants.forEach((p, position) => {
        const isVictim = p.pid === e.pid;
        const facts = isVictim
          ? { user_name: e.user_name, database_name: e.database_name, application_name: e.application_name, xid: e.xid }
          : context.before(p.pid, e.ts);
        const query = cycle.queries.get(p.pid) ?? null;
        insertParticipant.run({
          deadlock_id: deadlockId, position, pid: p.pid, is_victim: isVictim ? 1 : 0, mode: p.mode,
          object_type: p.object.type, object: describeObject(p.object), object_key: objectKey(p.object),
          ...objectColumns(p.object), blocked_by: p.blockedBy, query,
          fingerprint: query === null ? null : shaper.shape(query).fingerprint,
          user_name: facts?.user_name ?? null, database_name: facts?.database_name ?? null,
          application_name: facts?.application_name ?? null, xid: facts?.xid ?? heldXid.get(p.pid) ?? null,
        });
        if (!isVictim && (facts?.user_name == null || facts.application_name == null)) {
          const list = pending.get(p.pid) ?? [];
          list.push({ deadlockId, position, ts: e.ts });
          pending.set(p.pid, list);
        }
      });
    }

    return {
      push(e) {
        completeFromLater(e);
        context.see(e);
        if (e.kind === 'lock_wait_deadlock_detected' && e.pid !== null) {
          const wait = parseLockWait(e.message);
          if (wait) detected.set(e.pid, { entryId: e.id, ts: e.ts, ms: wait.ms });
        } else if (e.kind === 'deadlock') {
          record(e);
        }
      },
      finish() {
        pending.clear();
        nameRelations(db, 'deadlock_participants', 'relation');
      },
    };
  },
};
