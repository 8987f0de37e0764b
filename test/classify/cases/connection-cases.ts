import type { Case } from './case.js';

export const CONNECTION_CASES: readonly Case[] = [
  ['connection_received', 'LOG', 'connection received: host=127.0.0.1 port=36304'],
  ['connection_received', 'LOG', 'connection received: host=[local]'],
  ['connection_authenticated', 'LOG', 'connection authenticated: identity="app" method=scram-sha-256 (/tmp/pgcap/data/pg_hba.conf:6)'],
  ['connection_authenticated', 'LOG', 'connection authenticated: identity="root" method=peer (/tmp/pgcap/data/pg_hba.conf:2)'],
  ['connection_authorized', 'LOG', 'connection authorized: user=app database=shop application_name=puma'],
  ['connection_authorized', 'LOG', 'connection authorized: user=app database=shop application_name=psql SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)'],
  ['connection_authorized', 'LOG', 'replication connection authorized: user=replicator application_name=pg_basebackup SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)'],
  // wording of PG 9.6-11 (no application_name)
  ['connection_authorized', 'LOG', 'connection authorized: user=app database=shop'],
  // wording of PG 9.6-13 (SSL compression field)
  ['connection_authorized', 'LOG', 'connection authorized: user=app database=shop SSL enabled (protocol=TLSv1.2, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256, compression=off)'],
  // wording of PG 18 (log_connections = setup_durations)
  ['connection_ready', 'LOG', 'connection ready: setup total=3.125 ms, fork=0.412 ms, authentication=1.977 ms'],
  ['disconnection', 'LOG', 'disconnection: session time: 0:00:00.008 user=wire database=shop host=127.0.0.1 port=36304'],
  ['disconnection', 'LOG', 'disconnection: session time: 0:00:00.142 user=postgres database=postgres host=[local]'],
  ['disconnection', 'LOG', 'disconnection: session time: 0:00:00.775 user=replicator database= host=127.0.0.1 port=46178'],
  ['too_many_clients', 'FATAL', 'sorry, too many clients already', '53300'],
  ['too_many_clients', 'FATAL', 'sorry, too many clients already'],
  ['reserved_slots', 'FATAL', 'remaining connection slots are reserved for non-replication superuser connections', '53300'],
  // wording of PG 16+
  ['reserved_slots', 'FATAL', 'remaining connection slots are reserved for roles with the SUPERUSER attribute'],
  // wording of PG 16+
  ['reserved_slots', 'FATAL', 'remaining connection slots are reserved for roles with privileges of the "pg_use_reserved_connections" role'],
  ['too_many_connections_role', 'FATAL', 'too many connections for role "limited"', '53300'],
  ['too_many_connections_db', 'FATAL', 'too many connections for database "limdb"', '53300'],
  ['cannot_connect_now', 'FATAL', 'the database system is shutting down', '57P03'],
  // wording of PG 9.6-18 (during startup)
  ['cannot_connect_now', 'FATAL', 'the database system is starting up'],
  // wording of PG 14+ (hot standby not yet consistent)
  ['cannot_connect_now', 'FATAL', 'the database system is not yet accepting connections'],
  ['client_connection_lost', 'LOG', 'could not receive data from client: Connection reset by peer', '08006'],
  ['client_connection_lost', 'LOG', 'unexpected EOF on client connection with an open transaction', '08006'],
  ['client_connection_lost', 'LOG', 'could not send data to client: Broken pipe', '08006'],
  ['client_connection_lost', 'FATAL', 'connection to client lost', '08006'],
  ['bad_startup_packet', 'LOG', 'incomplete startup packet', '08P01'],
  ['ssl_error', 'LOG', 'could not accept SSL connection: wrong version number', '08P01'],
];

export const AUTH_CASES: readonly Case[] = [
  ['auth_failed', 'FATAL', 'password authentication failed for user "app"', '28P01'],
  ['auth_failed', 'FATAL', 'password authentication failed for user "md5user"'],
  ['auth_failed', 'FATAL', 'Peer authentication failed for user "peeruser"', '28000'],
  // wording of PG 9.6-18 (ident server refused)
  ['auth_failed', 'FATAL', 'Ident authentication failed for user "bob"'],
  // wording of PG 9.6-18
  ['auth_failed', 'FATAL', 'LDAP authentication failed for user "carol"'],
  ['auth_user_mismatch', 'LOG', 'provided user name (peeruser) and authenticated user name (root) do not match'],
  ['auth_timeout', 'FATAL', 'canceling authentication due to timeout', '57014'],
  ['no_hba_entry', 'FATAL', 'no pg_hba.conf entry for host "[local]", user "nobody_hba", database "postgres", no encryption', '28000'],
  ['no_hba_entry', 'FATAL', 'no pg_hba.conf entry for replication connection from host "127.0.0.1", user "app", no encryption'],
  // wording of PG 9.6-11
  ['no_hba_entry', 'FATAL', 'no pg_hba.conf entry for host "10.0.0.7", user "app", database "shop", SSL off'],
  ['hba_reject', 'FATAL', 'pg_hba.conf rejects connection for host "127.0.0.1", user "app", database "nohba", no encryption', '28000'],
  ['hba_reject', 'FATAL', 'pg_hba.conf rejects connection for host "127.0.0.1", user "app", database "nohba", SSL encryption'],
  ['role_missing', 'FATAL', 'role "ghost2" does not exist', '28000'],
  ['role_missing', 'FATAL', 'role "ghost2" does not exist'],
  ['database_missing', 'FATAL', 'database "nodb" does not exist', '3D000'],
  ['login_refused', 'FATAL', 'role "nologin_role" is not permitted to log in', '28000'],
  ['login_refused', 'FATAL', 'permission denied for database "closeddb"', '42501'],
  ['login_refused', 'FATAL', 'permission denied for database "closeddb"'],
];
