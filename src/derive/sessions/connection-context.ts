/**
 * What a backend said about its connection before it failed or was turned away:
 * the client from `connection received`, role, database and application from
 * `connection authorized`, the method from `connection authenticated`. A new
 * `connection received` for the pid starts over (pids are reused).
 */
import { parseConnectionAuthenticated, parseConnectionAuthorized, parseConnectionReceived } from '../../classify/index.js';
import type { StoredEntry } from '../deriver.js';
import { splitClient } from './client-address.js';

export interface ConnectionFacts {
  host: string | null;
  port: number | null;
  user: string | null;
  database: string | null;
  application: string | null;
  method: string | null;
}

export interface ConnectionContext {
  see(e: StoredEntry): void;
  /** The connection facts of `e`'s backend, with the entry's own columns first. */
  of(e: StoredEntry): ConnectionFacts;
}

const empty = (): ConnectionFacts => ({ host: null, port: null, user: null, database: null, application: null, method: null });

export function createConnectionContext(): ConnectionContext {
  const byPid = new Map<number, ConnectionFacts>();
  const factsOf = (pid: number): ConnectionFacts => {
    let f = byPid.get(pid);
    if (!f) byPid.set(pid, (f = empty()));
    return f;
  };
  return {
    see(e) {
      if (e.pid === null) return;
      switch (e.kind) {
        case 'connection_received': {
          const r = parseConnectionReceived(e.message);
          byPid.set(e.pid, { ...empty(), host: r?.host ?? null, port: r?.port ?? null });
          return;
        }
        case 'connection_authenticated': {
          const a = parseConnectionAuthenticated(e.message);
          if (a) factsOf(e.pid).method = a.method;
          return;
        }
        case 'connection_authorized': {
          const a = parseConnectionAuthorized(e.message);
          if (!a) return;
          const f = factsOf(e.pid);
          f.user = a.user;
          f.database = a.database ?? null;
          f.application = a.applicationName ?? null;
          return;
        }
        case 'disconnection':
          byPid.delete(e.pid);
          return;
        default:
      }
    },
    of(e) {
      const f = (e.pid === null ? undefined : byPid.get(e.pid)) ?? empty();
      const client = splitClient(e.client);
      return {
        host: f.host ?? client.host,
        port: f.port ?? client.port,
        user: e.user_name ?? f.user,
        database: e.database_name ?? f.database,
        application: e.application_name ?? f.application,
        method: f.method,
      };
    },
  };
}
