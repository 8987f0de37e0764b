import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnectionReceived } from '../../src/classify/messages/parse-connection-received.js';
import { parseConnectionAuthorized } from '../../src/classify/messages/parse-connection-authorized.js';
import { parseConnectionAuthenticated } from '../../src/classify/messages/parse-connection-authenticated.js';
import { parseDisconnection } from '../../src/classify/messages/parse-disconnection.js';
import { parseConnectionRefusal } from '../../src/classify/messages/parse-connection-refusal.js';
import { parseAuthFailure } from '../../src/classify/messages/parse-auth-failure.js';
import { parseHbaMatch } from '../../src/classify/messages/parse-hba-match.js';

test('connection received', () => {
  assert.deepEqual(parseConnectionReceived('connection received: host=127.0.0.1 port=36304'), { host: '127.0.0.1', port: 36304 });
  assert.deepEqual(parseConnectionReceived('connection received: host=[local]'), { host: '[local]' });
  assert.equal(parseConnectionReceived('connection authorized: user=a'), undefined);
});

test('connection authorized, with TLS, replication, and older wordings', () => {
  const cases: Array<[string, ReturnType<typeof parseConnectionAuthorized>]> = [
    ['connection authorized: user=app database=shop application_name=puma',
      { replication: false, user: 'app', database: 'shop', applicationName: 'puma' }],
    ['connection authorized: user=app database=shop application_name=psql SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
      { replication: false, user: 'app', database: 'shop', applicationName: 'psql', ssl: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: '256' } }],
    ['replication connection authorized: user=replicator application_name=pg_basebackup SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
      { replication: true, user: 'replicator', applicationName: 'pg_basebackup', ssl: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: '256' } }],
    // An application_name with spaces.
    ['connection authorized: user=bi database=dw application_name=Power BI Desktop',
      { replication: false, user: 'bi', database: 'dw', applicationName: 'Power BI Desktop' }],
    // wording of PG 9.6-11
    ['connection authorized: user=app database=shop', { replication: false, user: 'app', database: 'shop' }],
    // wording of PG 9.6-13
    ['connection authorized: user=app database=shop SSL enabled (protocol=TLSv1.2, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256, compression=off)',
      { replication: false, user: 'app', database: 'shop', ssl: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: '256', compression: 'off' } }],
    // wording of PG 12-15 (GSSAPI)
    ['connection authorized: user=app database=shop application_name=psql GSS (authenticated=yes, encrypted=yes, principal=app@EXAMPLE.COM)',
      { replication: false, user: 'app', database: 'shop', applicationName: 'psql', gss: { authenticated: 'yes', encrypted: 'yes', principal: 'app@EXAMPLE.COM' } }],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseConnectionAuthorized(message), expected, message);
});

test('connection authenticated (14+)', () => {
  assert.deepEqual(parseConnectionAuthenticated('connection authenticated: identity="app" method=scram-sha-256 (/tmp/pgcap/data/pg_hba.conf:6)'),
    { identity: 'app', method: 'scram-sha-256', hbaFile: '/tmp/pgcap/data/pg_hba.conf', hbaLine: 6 });
  assert.deepEqual(parseConnectionAuthenticated('connection authenticated: identity="root" method=peer (/tmp/pgcap/data/pg_hba.conf:2)'),
    { identity: 'root', method: 'peer', hbaFile: '/tmp/pgcap/data/pg_hba.conf', hbaLine: 2 });
});

test('disconnection: session time in ms, empty database of a walsender, long sessions', () => {
  const cases: Array<[string, ReturnType<typeof parseDisconnection>]> = [
    ['disconnection: session time: 0:00:00.008 user=wire database=shop host=127.0.0.1 port=36304',
      { sessionMs: 8, user: 'wire', database: 'shop', host: '127.0.0.1', port: 36304 }],
    ['disconnection: session time: 0:00:02.006 user=limited database=shop host=[local]',
      { sessionMs: 2006, user: 'limited', database: 'shop', host: '[local]' }],
    ['disconnection: session time: 0:00:00.775 user=replicator database= host=127.0.0.1 port=46178',
      { sessionMs: 775, user: 'replicator', database: '', host: '127.0.0.1', port: 46178 }],
    ['disconnection: session time: 123:04:05.678 user=a database=b host=c',
      { sessionMs: ((123 * 60 + 4) * 60 + 5) * 1000 + 678, user: 'a', database: 'b', host: 'c' }],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseDisconnection(message), expected, message);
});

test('connection refusals', () => {
  const cases: Array<[string, ReturnType<typeof parseConnectionRefusal>]> = [
    ['sorry, too many clients already', { reason: 'too_many_clients' }],
    ['remaining connection slots are reserved for non-replication superuser connections',
      { reason: 'reserved_slots', reservedFor: 'non-replication superuser connections' }],
    // wording of PG 16+
    ['remaining connection slots are reserved for roles with the SUPERUSER attribute',
      { reason: 'reserved_slots', reservedFor: 'roles with the SUPERUSER attribute' }],
    ['too many connections for role "limited"', { reason: 'role_limit', role: 'limited' }],
    ['too many connections for database "limdb"', { reason: 'database_limit', database: 'limdb' }],
    ['the database system is shutting down', { reason: 'server_state', state: 'shutting down' }],
    // wording of PG 9.6-18 (datallowconn = false)
    ['database "template0" is not currently accepting connections', { reason: 'database_not_accepting', database: 'template0' }],
    ['deadlock detected', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseConnectionRefusal(message), expected, message);
});

test('authentication failures', () => {
  const cases: Array<[string, ReturnType<typeof parseAuthFailure>]> = [
    ['password authentication failed for user "app"', { reason: 'failed', method: 'password', user: 'app' }],
    ['Peer authentication failed for user "peeruser"', { reason: 'failed', method: 'Peer', user: 'peeruser' }],
    // wording of PG 9.6-18
    ['Ident authentication failed for user "bob"', { reason: 'failed', method: 'Ident', user: 'bob' }],
    ['no pg_hba.conf entry for host "[local]", user "nobody_hba", database "postgres", no encryption',
      { reason: 'no_hba_entry', replication: false, host: '[local]', user: 'nobody_hba', database: 'postgres', encryption: 'no encryption' }],
    ['no pg_hba.conf entry for replication connection from host "127.0.0.1", user "app", no encryption',
      { reason: 'no_hba_entry', replication: true, host: '127.0.0.1', user: 'app', encryption: 'no encryption' }],
    ['pg_hba.conf rejects connection for host "127.0.0.1", user "app", database "nohba", SSL encryption',
      { reason: 'hba_reject', replication: false, host: '127.0.0.1', user: 'app', database: 'nohba', encryption: 'SSL encryption' }],
    // wording of PG 9.6-11
    ['no pg_hba.conf entry for host "10.0.0.7", user "app", database "shop", SSL off',
      { reason: 'no_hba_entry', replication: false, host: '10.0.0.7', user: 'app', database: 'shop', encryption: 'SSL off' }],
    ['role "ghost2" does not exist', { reason: 'role_missing', user: 'ghost2' }],
    ['database "nodb" does not exist', { reason: 'database_missing', database: 'nodb' }],
    ['role "nologin_role" is not permitted to log in', { reason: 'not_permitted', user: 'nologin_role' }],
    ['connection to client lost', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseAuthFailure(message), expected, message);
});

test('which pg_hba.conf line matched, and why authentication failed', () => {
  assert.deepEqual(parseHbaMatch('Connection matched pg_hba.conf line 6: "host all all 127.0.0.1/32 scram-sha-256"'),
    { line: 6, entry: 'host all all 127.0.0.1/32 scram-sha-256', method: 'scram-sha-256', reasons: [] });
  assert.deepEqual(parseHbaMatch('Password does not match for user "md5user".\nConnection matched pg_hba.conf line 5: "host all md5user 127.0.0.1/32 md5"'),
    { line: 5, entry: 'host all md5user 127.0.0.1/32 md5', method: 'md5', reasons: ['Password does not match for user "md5user".'] });
  assert.deepEqual(parseHbaMatch('Role "ghost" does not exist.\n\tConnection matched pg_hba.conf line 6: "host all all 127.0.0.1/32 scram-sha-256"')?.reasons,
    ['Role "ghost" does not exist.']);
  // wording of PG 16+
  assert.deepEqual(parseHbaMatch('Connection matched file "/etc/postgresql/16/main/pg_hba.conf" line 118: "local all all peer"'),
    { file: '/etc/postgresql/16/main/pg_hba.conf', line: 118, entry: 'local all all peer', method: 'peer', reasons: [] });
  assert.equal(parseHbaMatch('User "x" has no password assigned.'), undefined);
});
