/** One backend session as it is being read, and what its entries add to it. */
import { parseConnectionAuthenticated, parseConnectionAuthorized, parseConnectionReceived, type Disconnection } from '../../classify/index.js';
import type { StoredEntry } from '../deriver.js';
import { splitClient } from './client-address.js';

export type SessionEnd = 'disconnected' | 'fatal' | 'crash' | 'shutdown' | 'open' | 'unknown';

/** How the session ended, decided before its last line (a FATAL, a crash, a shutdown). */
export interface Ending {
  how: SessionEnd;
  /** The entry that decided it; null when nothing said (`unknown`). */
  cause: StoredEntry | null;
}

export interface Session {
  pid: number;
  sessionId: string | null;
  startTs: string | null;
  first: StoredEntry;
  last: StoredEntry;
  host: string | null;
  port: number | null;
  user: string | null;
  database: string | null;
  application: string | null;
  replication: boolean;
  authorized: boolean;
  /** Its `connection received` / `authorized` line is in the log (else the log caught it mid-session). */
  seenConnecting: boolean;
  authMethod: string | null;
  authIdentity: string | null;
  entries: number;
  /** log_statement lines, and duration lines that carry a statement. */
  logged: number;
  timed: number;
  errors: number;
  ending: Ending | null;
}

const TIMED = /^duration: \S+ ms {2}(?:statement: |execute )/;

export function beginSession(e: StoredEntry & { pid: number }): Session {
  const client = splitClient(e.client);
  return {
    pid: e.pid, sessionId: e.session_id, startTs: e.ts, first: e, last: e,
    host: client.host, port: client.port,
    user: null, database: null, application: null,
    replication: false, authorized: false, seenConnecting: false, authMethod: null, authIdentity: null,
    entries: 0, logged: 0, timed: 0, errors: 0, ending: null,
  };
}

/** Counts `e` into the session; the entries' own columns fill what the connection lines did not say. */
export function noteEntry(s: Session, e: StoredEntry): void {
  s.entries++;
  s.last = e;
  s.sessionId ??= e.session_id;
  s.user ??= e.user_name;
  s.database ??= e.database_name;
  s.application ??= e.application_name;
  if (e.severity === 'ERROR') s.errors++;
  if (e.kind === 'statement_logged' || e.kind === 'execute_logged') s.logged++;
  else if (e.kind === 'duration' && TIMED.test(e.message)) s.timed++;
}

/** The connection lines: received (client), authenticated (method), authorized (role, database, application). */
export function applyConnectionLine(s: Session, e: StoredEntry): void {
  s.seenConnecting = true;
  if (e.kind === 'connection_received') {
    const r = parseConnectionReceived(e.message);
    if (r) {
      s.host = r.host;
      s.port = r.port ?? null;
    }
  } else if (e.kind === 'connection_authenticated') {
    const a = parseConnectionAuthenticated(e.message);
    if (a) {
      s.authMethod = a.method;
      s.authIdentity = a.identity;
    }
  } else if (e.kind === 'connection_authorized') {
    const a = parseConnectionAuthorized(e.message);
    s.authorized = true;
    if (a) {
      s.user = a.user;
      s.database = a.database ?? s.database;
      s.application = a.applicationName ?? s.application;
      s.replication = a.replication;
    }
  }
}

export function applyDisconnection(s: Session, d: Disconnection): void {
  s.user ??= d.user;
  s.database ??= d.database;
  s.host ??= d.host;
  s.port ??= d.port ?? null;
}
