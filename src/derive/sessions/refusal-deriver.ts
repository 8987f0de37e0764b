/**
 * Connections the server turned away before a session could start: max_connections
 * reached, only reserved slots left, a role's or database's CONNECTION LIMIT, or a
 * server starting up, shutting down or in recovery.
 */
import { parseConnectionRefusal, type ConnectionRefusal, type Kind } from '../../classify/index.js';
import type { Deriver } from '../deriver.js';
import { createConnectionContext } from './connection-context.js';
import { REFUSAL_SCHEMA } from './refusal-schema.js';

const REFUSAL_KINDS: ReadonlySet<string> = new Set<Kind>([
  'too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db', 'cannot_connect_now',
]);

/** The slot class, role, database or server state the refusal names. */
function subjectOf(r: ConnectionRefusal): string | null {
  switch (r.reason) {
    case 'too_many_clients': return null;
    case 'reserved_slots': return r.reservedFor;
    case 'role_limit': return r.role;
    case 'database_limit': return r.database;
    case 'server_state': return r.state;
    case 'database_not_accepting': return r.database;
  }
}

export const refusalDeriver: Deriver = {
  name: 'connection_refusals',
  tables: ['connection_refusals'],
  schema: REFUSAL_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO connection_refusals (ts, pid, session_id, reason, subject, user_name, database_name, application_name,
         client_host, client_port, message, entry_id)
       VALUES (@ts, @pid, @session_id, @reason, @subject, @user_name, @database_name, @application_name,
         @client_host, @client_port, @message, @entry_id)`,
    );
    const connections = createConnectionContext();
    return {
      push(e) {
        connections.see(e);
        if (!REFUSAL_KINDS.has(e.kind)) return;
        const r = parseConnectionRefusal(e.message);
        if (!r) return;
        const c = connections.of(e);
        insert.run({
          ts: e.ts, pid: e.pid, session_id: e.session_id, reason: r.reason, subject: subjectOf(r),
          user_name: r.reason === 'role_limit' ? r.role : c.user, database_name: r.reason === 'database_limit' ? r.database : c.database,
          application_name: c.application, client_host: c.host, client_port: c.port, message: e.message, entry_id: e.id,
        });
      },
      finish() {},
    };
  },
};
