/**
 * Logins that failed: wrong password or other method failure, no or a `reject`
 * pg_hba.conf line, missing role or database, NOLOGIN, no CONNECT privilege,
 * authentication timeout. The DETAIL says what the client was not told (a role
 * that does not exist behind `password authentication failed`) and which
 * pg_hba.conf line matched.
 */
import { parseAuthFailure, parseHbaMatch, type AuthFailure, type Kind } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { AUTH_FAILURE_SCHEMA } from './auth-failure-schema.js';
import { createConnectionContext } from './connection-context.js';

const AUTH_KINDS: ReadonlySet<string> = new Set<Kind>([
  'auth_failed', 'no_hba_entry', 'hba_reject', 'role_missing', 'database_missing', 'login_refused', 'auth_timeout',
]);

type Reason = Exclude<AuthFailure['reason'], 'failed'> | 'auth_failed' | 'no_connect_privilege' | 'auth_timeout';

interface Failure {
  reason: Reason;
  method: string | null;
  user: string | null;
  database: string | null;
  replication: boolean;
}

function failureOf(e: StoredEntry): Failure | undefined {
  const f = parseAuthFailure(e.message);
  const base = { method: null, user: null, database: null, replication: false };
  if (f) {
    switch (f.reason) {
      case 'failed': return { ...base, reason: 'auth_failed', method: f.method.toLowerCase(), user: f.user };
      case 'no_hba_entry':
      case 'hba_reject': return { ...base, reason: f.reason, user: f.user, database: f.database ?? null, replication: f.replication };
      case 'database_missing': return { ...base, reason: f.reason, database: f.database };
      default: return { ...base, reason: f.reason, user: f.user };
    }
  }
  if (e.kind === 'auth_timeout') return { ...base, reason: 'auth_timeout' };
  const denied = /^permission denied for database "(.*)"$/.exec(e.message);
  return denied ? { ...base, reason: 'no_connect_privilege', database: denied[1]! } : undefined;
}

export const authFailureDeriver: Deriver = {
  name: 'auth_failures',
  tables: ['auth_failures'],
  schema: AUTH_FAILURE_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO auth_failures (ts, pid, session_id, reason, method, hba_method, detail, user_name, database_name,
         application_name, client_host, client_port, replication, hba_file, hba_line, hba_entry, message, entry_id)
       VALUES (@ts, @pid, @session_id, @reason, @method, @hba_method, @detail, @user_name, @database_name,
         @application_name, @client_host, @client_port, @replication, @hba_file, @hba_line, @hba_entry, @message, @entry_id)`,
    );
    const connections = createConnectionContext();
    return {
      push(e) {
        connections.see(e);
        if (!AUTH_KINDS.has(e.kind)) return;
        const f = failureOf(e);
        if (!f) return;
        const c = connections.of(e);
        const hba = e.detail === null ? undefined : parseHbaMatch(e.detail);
        const reasons = hba ? hba.reasons : e.detail === null ? [] : [e.detail];
        insert.run({
          ts: e.ts, pid: e.pid, session_id: e.session_id, reason: f.reason, method: f.method, hba_method: hba?.method ?? null,
          detail: reasons.length > 0 ? reasons.join('\n') : null,
          user_name: f.user ?? c.user, database_name: f.database ?? c.database, application_name: c.application,
          client_host: c.host, client_port: c.port, replication: f.replication ? 1 : 0,
          hba_file: hba?.file ?? null, hba_line: hba?.line ?? null, hba_entry: hba?.entry ?? null,
          message: e.message, entry_id: e.id,
        });
      },
      finish() {},
    };
  },
};
