/** Refused connections (04) and failed logins (05) of the real sample, against truth.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runIngest } from '../helpers/run-ingest.js';

interface Attempt { label: string; application_name: string; user: string; database: string; result: string }
interface Truth {
  scenarios: {
    '04-connection-exhaustion': { refusals_expected: Record<string, number>; role_limit_error: string; reserved_refusal: string };
    '05-auth-failures': { attempts: Attempt[] };
  };
}
const truth = (JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth).scenarios;

/** truth.json's names for the refusal reasons. */
const TRUTH_REASON: Record<string, string> = {
  too_many_connections_for_role: 'role_limit',
  reserved_slots: 'reserved_slots',
  too_many_clients: 'too_many_clients',
};

for (const ext of ['log', 'csv', 'json']) {
  test(`04 (${ext}): exactly the refusals the clients got, with reasons and who asked`, async () => {
    const run = await runIngest([`samples/run-main/04-connection-exhaustion.${ext}`]);
    const rows = run.db.prepare(`SELECT * FROM connection_refusals ORDER BY ts`).all() as Array<Record<string, unknown>>;
    run.db.close();
    const t = truth['04-connection-exhaustion'];
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.reason as string] = (counts[r.reason as string] ?? 0) + 1;
    const expected = Object.fromEntries(Object.entries(t.refusals_expected).map(([k, n]) => [TRUTH_REASON[k]!, n]));
    assert.deepEqual(counts, expected);
    assert.deepEqual(
      rows.map((r) => [r.reason, r.subject, r.user_name, r.database_name, r.application_name, r.client_host]),
      [
        ['role_limit', 'reporting', 'reporting', 'shop', 'metabase', '127.0.0.1'],
        ['reserved_slots', 'non-replication superuser connections', 'app', 'shop', 'puma', '127.0.0.1'],
        ['too_many_clients', null, 'postgres', 'shop', null, '[local]'],
        ['too_many_clients', null, 'app', 'shop', null, '127.0.0.1'],
      ],
    );
    assert.equal(`FATAL:  ${rows[0]!.message as string}`, t.role_limit_error);
    assert.equal(`FATAL:  ${rows[1]!.message as string}`, t.reserved_refusal);
    for (const r of rows) assert.equal(typeof r.entry_id, 'number');
  });
}

const EXPECTED_REASON: Record<string, string> = {
  'wrong-password-scram-1': 'auth_failed',
  'wrong-password-scram-2': 'auth_failed',
  'wrong-password-scram-3': 'auth_failed',
  'wrong-password-md5': 'auth_failed',
  'nonexistent-role-trust': 'role_missing',
  'nonexistent-role-scram': 'auth_failed',
  'nonexistent-database': 'database_missing',
  'no-hba-entry': 'no_hba_entry',
  'hba-reject': 'hba_reject',
};

test('05: one auth failure per failed attempt, with user, database, reason and the DETAIL the client did not see', async () => {
  const run = await runIngest(['samples/run-main/05-auth-failures.log']);
  const rows = run.db.prepare(`SELECT f.*, e.severity FROM auth_failures f JOIN entries e ON e.id = f.entry_id ORDER BY f.ts`).all() as Array<Record<string, unknown>>;
  run.db.close();
  const failed = truth['05-auth-failures'].attempts.filter((a) => a.result.startsWith('FATAL:'));
  assert.equal(rows.length, failed.length);
  failed.forEach((a, i) => {
    const r = rows[i]!;
    assert.equal(`${r.severity as string}:  ${r.message as string}`, a.result, a.label);
    assert.equal(r.user_name, a.user, a.label);
    assert.equal(r.database_name, a.database, a.label);
    assert.equal(r.reason, EXPECTED_REASON[a.label], a.label);
    assert.equal(r.client_host, '127.0.0.1');
  });
  const byLabel = (label: string) => rows[failed.findIndex((a) => a.label === label)]!;
  assert.deepEqual([byLabel('wrong-password-md5').method, byLabel('wrong-password-md5').hba_method], ['password', 'md5']);
  assert.equal(byLabel('wrong-password-md5').detail, 'Password does not match for user "reporting".');
  assert.equal(byLabel('wrong-password-scram-1').hba_method, 'scram-sha-256');
  assert.equal(byLabel('wrong-password-scram-1').hba_line, 7);
  // The client only saw a password failure; the server log says the role does not exist.
  assert.equal(byLabel('nonexistent-role-scram').detail, 'Role "phantom" does not exist.');
  // A role that does not exist under `trust` fails after `connection authorized`, which names the application.
  assert.equal(byLabel('nonexistent-role-trust').application_name, 'psql');
});

test('pg15 capture: NOLOGIN, revoked CONNECT, authentication timeout, replication without a pg_hba line', async () => {
  const run = await runIngest(['test/fixtures/classify/pg15-capture.jsonl']);
  const rows = run.db.prepare(`SELECT reason, user_name, database_name, replication, detail FROM auth_failures`).all() as Array<Record<string, unknown>>;
  const refusals = run.db.prepare(`SELECT reason, subject FROM connection_refusals ORDER BY ts`).all();
  run.db.close();
  const has = (expected: Record<string, unknown>) =>
    assert.ok(rows.some((r) => Object.entries(expected).every(([k, v]) => r[k] === v)), JSON.stringify(expected));
  has({ reason: 'not_permitted', user_name: 'nologin_role' });
  has({ reason: 'no_connect_privilege', database_name: 'closeddb', detail: 'User does not have CONNECT privilege.' });
  has({ reason: 'auth_timeout' });
  has({ reason: 'no_hba_entry', replication: 1 });
  assert.deepEqual(refusals, [
    { reason: 'role_limit', subject: 'limited' },
    { reason: 'database_limit', subject: 'limdb' },
    { reason: 'reserved_slots', subject: 'non-replication superuser connections' },
    { reason: 'too_many_clients', subject: null },
    { reason: 'server_state', subject: 'shutting down' },
  ]);
});
