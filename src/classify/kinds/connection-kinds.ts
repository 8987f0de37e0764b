import type { KindInfo } from '../kind-info.js';

/** Sessions opening and closing, and the server turning them away. */
export const CONNECTION_KINDS = {
  connection_received: {
    family: 'connection',
    description: 'A client opened a socket (log_connections).',
    patterns: ['connection received: host=%s port=%s', 'connection received: host=%s'],
  },
  connection_authenticated: {
    family: 'connection',
    description: 'Authentication succeeded, with the identity and pg_hba.conf method (14+).',
    patterns: ['connection authenticated: identity="%s" method=%s (%s:%d)'],
  },
  connection_authorized: {
    family: 'connection',
    description: 'The session is set up: user, database, application and TLS/GSS details.',
    patterns: [
      'connection authorized: user=%s database=%s application_name=%s',
      'connection authorized: user=%s database=%s application_name=%s SSL enabled (protocol=%s, cipher=%s, bits=%d)',
      'connection authorized: user=%s database=%s SSL enabled (protocol=%s, cipher=%s, bits=%d, compression=%s)',
      'connection authorized: user=%s database=%s',
      'replication connection authorized: user=%s application_name=%s',
      'replication connection authorized: user=%s',
    ],
  },
  connection_ready: {
    family: 'connection',
    description: 'Connection setup timings (log_connections = setup_durations, 18+).',
    patterns: ['connection ready: setup total=%s ms, fork=%s ms, authentication=%s ms'],
  },
  disconnection: {
    family: 'connection',
    description: 'A session ended, with its duration (log_disconnections).',
    patterns: [
      'disconnection: session time: %d:%d:%d.%d user=%s database=%s host=%s port=%s',
      'disconnection: session time: %d:%d:%d.%d user=%s database=%s host=%s',
    ],
  },
  too_many_clients: {
    family: 'connection',
    description: 'max_connections is reached: the connection is refused.',
    sqlstate: '53300',
    patterns: ['sorry, too many clients already'],
  },
  reserved_slots: {
    family: 'connection',
    description: 'Only the reserved (superuser or pg_use_reserved_connections) slots are left.',
    sqlstate: '53300',
    patterns: [
      'remaining connection slots are reserved for non-replication superuser connections',
      'remaining connection slots are reserved for roles with the %s attribute',
      'remaining connection slots are reserved for roles with privileges of the "%s" role',
    ],
  },
  too_many_connections_role: {
    family: 'connection',
    description: "The role's CONNECTION LIMIT is reached.",
    sqlstate: '53300',
    patterns: ['too many connections for role "%s"'],
  },
  too_many_connections_db: {
    family: 'connection',
    description: "The database's CONNECTION LIMIT is reached.",
    sqlstate: '53300',
    patterns: ['too many connections for database "%s"'],
  },
  cannot_connect_now: {
    family: 'connection',
    description: 'The server is starting, stopping or recovering and refuses connections.',
    sqlstate: '57P03',
    patterns: [
      'the database system is starting up',
      'the database system is shutting down',
      'the database system is in recovery mode',
      'the database system is not yet accepting connections',
      'the database system is not accepting connections',
      ['database "%s" is not currently accepting connections', '55000'],
    ],
  },
  client_connection_lost: {
    family: 'connection',
    description: 'The client went away mid-session (reset, EOF inside a transaction, write failure).',
    sqlstate: '08006',
    patterns: [
      'could not receive data from client: %s',
      'could not send data to client: %s',
      'unexpected EOF on client connection with an open transaction',
      ['unexpected EOF on client connection', '08003'],
      'connection to client lost',
    ],
  },
  bad_startup_packet: {
    family: 'connection',
    description: 'A connection closed or spoke nonsense before the startup packet (health checks, scanners).',
    sqlstate: '08P01',
    patterns: [
      'incomplete startup packet',
      'invalid length of startup packet',
      ['unsupported frontend protocol %u.%u: server supports %s', '0A000'],
    ],
  },
  ssl_error: {
    family: 'connection',
    description: 'The TLS handshake or a TLS read failed.',
    sqlstate: '08P01',
    patterns: ['could not accept SSL connection: %s', 'SSL error: %s'],
  },
} as const satisfies Record<string, KindInfo>;
