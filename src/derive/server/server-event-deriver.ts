/**
 * The server's life as one time-ordered list: start, ready, reloads and changed
 * parameters, crashes and the recovery after them, shutdowns, out-of-memory and
 * disk-full errors, checkpoints too close together. A `ready` after a crash
 * carries how long the server was unavailable (ready − crash).
 */
import type { Deriver, StoredEntry } from '../deriver.js';
import { msFrom } from '../iso-time.js';
import { EVENT_FIELDS, type EventFields } from './server-event-fields.js';
import { SERVER_EVENT_SCHEMA } from './server-event-schema.js';

const COLUMNS = [
  'ts', 'kind', 'pid', 'message', 'subject_pid', 'process', 'signal', 'signal_name', 'exit_code', 'query', 'version', 'mode',
  'lsn', 'name', 'value', 'bytes', 'memory_context', 'seconds', 'last_up', 'recovery_ms', 'recovery_from_entry_id', 'note',
  'entry_id',
] as const;

const RECOVERY_STARTS: ReadonlySet<string> = new Set(['recovery_interrupted', 'recovery_not_properly_shutdown']);

export const serverEventDeriver: Deriver = {
  name: 'server_events',
  tables: ['server_events'],
  schema: SERVER_EVENT_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO server_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    /** Since the last ready: the first crash, else the first sign of crash recovery. */
    let crash: StoredEntry | null = null;
    let recoveryStart: StoredEntry | null = null;

    function recoveryOf(e: StoredEntry): { recovery_ms: number | null; recovery_from_entry_id: number | null } {
      const from = crash ?? recoveryStart;
      crash = recoveryStart = null;
      return { recovery_ms: from ? msFrom(from.ts, e.ts) : null, recovery_from_entry_id: from?.id ?? null };
    }

    return {
      push(e) {
        const read = EVENT_FIELDS[e.kind as keyof typeof EVENT_FIELDS];
        const fields: EventFields | undefined = read?.(e);
        if (!fields) return;
        if (e.kind === 'server_crash' || e.kind === 'terminating_others') crash ??= e;
        if (RECOVERY_STARTS.has(e.kind)) recoveryStart ??= e;
        if (e.kind === 'shut_down') crash = recoveryStart = null;
        const recovery = e.kind === 'ready' ? recoveryOf(e) : { recovery_ms: null, recovery_from_entry_id: null };
        const row: Record<string, unknown> = Object.fromEntries(COLUMNS.map((c) => [c, null]));
        Object.assign(row, fields, recovery, { ts: e.ts, kind: e.kind, pid: e.pid, message: e.message, entry_id: e.id });
        insert.run(row);
      },
      finish() {},
    };
  },
};
