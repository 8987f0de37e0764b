/** Why the server turned a connection away before it started. */
export type ConnectionRefusal =
  | { reason: 'too_many_clients' }
  /** Who the remaining slots are kept for: `non-replication superuser connections`, `roles with the SUPERUSER attribute`... */
  | { reason: 'reserved_slots'; reservedFor: string }
  | { reason: 'role_limit'; role: string }
  | { reason: 'database_limit'; database: string }
  /** `starting up`, `shutting down`, `in recovery mode`, `not yet accepting connections`... */
  | { reason: 'server_state'; state: string }
  | { reason: 'database_not_accepting'; database: string };

const REFUSALS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => ConnectionRefusal]> = [
  [/^sorry, too many clients already/, () => ({ reason: 'too_many_clients' })],
  [/^remaining connection slots are reserved for (.+)$/, (m) => ({ reason: 'reserved_slots', reservedFor: m[1]! })],
  [/^too many connections for role "(.*)"$/, (m) => ({ reason: 'role_limit', role: m[1]! })],
  [/^too many connections for database "(.*)"$/, (m) => ({ reason: 'database_limit', database: m[1]! })],
  [/^the database system is (.+)$/, (m) => ({ reason: 'server_state', state: m[1]! })],
  [/^database "(.*)" is not currently accepting connections$/, (m) => ({ reason: 'database_not_accepting', database: m[1]! })],
];

/** FATAL messages of connection exhaustion and of a server not ready for sessions. */
export function parseConnectionRefusal(message: string): ConnectionRefusal | undefined {
  for (const [pattern, build] of REFUSALS) {
    const m = pattern.exec(message);
    if (m) return build(m);
  }
  return undefined;
}
