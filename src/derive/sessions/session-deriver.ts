/**
 * Backend sessions, keyed by pid: from `connection received` (or the first line
 * of a backend the log caught mid-session) to `disconnection`, a FATAL, a crash
 * or a shutdown. Pids are reused, so a new connection line, or another session
 * id, for a pid closes the session it had. Background processes (no user) are
 * not sessions.
 */
import { parseDisconnection, parseProcessExit, type Kind } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { SESSION_SCHEMA } from './session-schema.js';
import { SESSION_LENGTHS_SCHEMA, writeSessionLengths } from './session-lengths.js';
import { applyConnectionLine, applyDisconnection, beginSession, noteEntry, type Session, type SessionEnd } from './session-state.js';
import { msFrom, shiftTs } from '../iso-time.js';

const CONNECTION_LINES: ReadonlySet<string> = new Set<Kind>(['connection_received', 'connection_authenticated', 'connection_authorized']);
const CLIENT_BACKENDS: ReadonlySet<string | null> = new Set([null, 'client backend', 'walsender']);
/** A session whose end is decided but whose disconnection line never came is written after this long. */
const SETTLE_MS = 60_000;

/** An entry of a client backend the log did not see connect. */
const isClientEntry = (e: StoredEntry): boolean => e.user_name !== null && CLIENT_BACKENDS.has(e.backend_type);

export const sessionDeriver: Deriver = {
  name: 'sessions',
  tables: ['sessions', 'session_lengths'],
  schema: SESSION_SCHEMA + SESSION_LENGTHS_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO sessions (pid, session_id, start_ts, end_ts, last_ts, duration_ms, ended, end_kind, client_host, client_port,
         user_name, database_name, application_name, replication, authorized, auth_method, auth_identity, entries, statements,
         errors, start_entry_id, end_entry_id, cause_entry_id)
       VALUES (@pid, @session_id, @start_ts, @end_ts, @last_ts, @duration_ms, @ended, @end_kind, @client_host, @client_port,
         @user_name, @database_name, @application_name, @replication, @authorized, @auth_method, @auth_identity, @entries,
         @statements, @errors, @start_entry_id, @end_entry_id, @cause_entry_id)`,
    );
    const open = new Map<number, Session>();
    let shuttingDown = false;
    let pushed = 0;

    function write(s: Session, ended: SessionEnd, end: StoredEntry | null, cause: StoredEntry | null, sessionMs: number | null): void {
      open.delete(s.pid);
      const endTs = end?.ts ?? null;
      insert.run({
        pid: s.pid, session_id: s.sessionId, start_ts: s.startTs, end_ts: endTs, last_ts: s.last.ts,
        duration_ms: sessionMs ?? msFrom(s.startTs, endTs), ended, end_kind: cause?.kind ?? null,
        client_host: s.host, client_port: s.port, user_name: s.user, database_name: s.database,
        application_name: s.application, replication: s.replication ? 1 : 0, authorized: s.authorized ? 1 : 0,
        auth_method: s.authMethod, auth_identity: s.authIdentity, entries: s.entries,
        statements: Math.max(s.logged, s.timed), errors: s.errors,
        start_entry_id: s.first.id, end_entry_id: end?.id ?? null, cause_entry_id: cause?.id ?? null,
      });
    }

    /** Writes a session whose last line has passed: as decided, or `unknown` at its last entry. */
    function settle(s: Session): void {
      if (s.ending) write(s, s.ending.how, s.ending.cause ?? s.last, s.ending.cause, null);
      else write(s, 'unknown', s.last, null, null);
    }

    /** The server ended every session that had not ended yet; one that never logged in just went away unseen. */
    function endAll(how: SessionEnd, cause: StoredEntry): void {
      for (const s of open.values()) s.ending ??= s.authorized ? { how, cause } : { how: 'unknown', cause: null };
    }

    function settleOld(now: string): void {
      const limit = shiftTs(now, -SETTLE_MS)!;
      for (const s of [...open.values()]) if (s.ending && s.last.ts !== null && s.last.ts < limit) settle(s);
    }

    /** What a line of the session itself says about its end. */
    function endingOf(e: StoredEntry): SessionEnd | null {
      if (e.kind === 'crash_terminated_connection') return 'crash';
      if (e.severity !== 'FATAL' && e.severity !== 'PANIC') return null;
      return shuttingDown && e.kind === 'admin_terminated' ? 'shutdown' : 'fatal';
    }

    function serverEvent(e: StoredEntry): boolean {
      switch (e.kind) {
        case 'server_crash': {
          const exit = parseProcessExit(e.message);
          const s = exit && open.get(exit.pid);
          if (s) s.ending ??= { how: 'crash', cause: e };
          return true;
        }
        case 'terminating_others':
          endAll('crash', e);
          return true;
        case 'shutdown_request':
          shuttingDown = true;
          return true;
        case 'shut_down':
          endAll('shutdown', e);
          shuttingDown = false;
          return true;
        case 'startup':
          // A new postmaster: whatever was still open ended while the log did not look.
          for (const s of open.values()) s.ending ??= { how: 'unknown', cause: null };
          shuttingDown = false;
          return true;
        default:
          return false;
      }
    }

    function disconnect(s: Session | undefined, e: StoredEntry & { pid: number }): void {
      const d = parseDisconnection(e.message);
      s ??= beginSession(e);
      // Connected before the log began: the session time says when.
      if (d && !s.seenConnecting) s.startTs = shiftTs(e.ts, -d.sessionMs);
      noteEntry(s, e);
      if (d) applyDisconnection(s, d);
      const decided = s.ending && s.ending.how !== 'unknown' ? s.ending : null;
      write(s, decided?.how ?? 'disconnected', e, decided?.cause ?? e, d?.sessionMs ?? null);
    }

    return {
      push(e) {
        if (++pushed % 4096 === 0 && e.ts !== null) settleOld(e.ts);
        if (serverEvent(e) || e.pid === null) return;
        const entry = e as StoredEntry & { pid: number };
        let s = open.get(entry.pid);
        // Another session id, or any line after the end was decided, is a new process with the same pid.
        const sameSession = s !== undefined && (s.sessionId === null || e.session_id === null || s.sessionId === e.session_id);
        const afterEnd = s?.ending != null && e.kind !== 'disconnection' && e.kind !== 'crash_terminated_connection';
        if (s && (!sameSession || afterEnd)) {
          settle(s);
          s = undefined;
        }
        if (e.kind === 'disconnection') return disconnect(s, entry);
        if (CONNECTION_LINES.has(e.kind)) {
          // received always opens; authenticated/authorized open unless they continue a session still logging in.
          if (s && (e.kind === 'connection_received' || s.authorized)) settle(s);
          if (!s || e.kind === 'connection_received' || s.authorized) open.set(entry.pid, (s = beginSession(entry)));
          noteEntry(s, e);
          applyConnectionLine(s, e);
          return;
        }
        if (!s) {
          if (!isClientEntry(e)) return;
          open.set(entry.pid, (s = beginSession(entry)));
        }
        noteEntry(s, e);
        const how = endingOf(e);
        if (how && (!s.ending || how === 'crash')) s.ending = { how, cause: e };
      },
      finish() {
        for (const s of [...open.values()]) {
          if (s.ending) settle(s);
          else write(s, 'open', null, null, null);
        }
        writeSessionLengths(db);
      },
    };
  },
};
