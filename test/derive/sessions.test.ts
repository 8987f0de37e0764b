/** Backend sessions of the real sample, against what the scenario clients saw (truth.json). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

interface Attempt { label: string; application_name: string; user: string; database: string; result: string }
interface Truth {
  scenarios: {
    '04-connection-exhaustion': { app_connections_held: number; superuser_connections_held: number };
    '05-auth-failures': { attempts: Attempt[] };
    '09-crash-recovery': { killed_pid: number; other_backends_terminated: number[]; killed_at_utc: string };
    '10-reload-shutdown': { terminated_by_shutdown: number[] };
  };
}
const truth = (JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth).scenarios;

interface SessionRow {
  pid: number; session_id: string | null; start_ts: string; end_ts: string | null; duration_ms: number | null;
  ended: string; end_kind: string | null; user_name: string | null; database_name: string | null;
  application_name: string | null; client_host: string | null; client_port: number | null; auth_method: string | null;
  authorized: number; statements: number; errors: number; end_entry_id: number | null; cause_entry_id: number | null;
}

async function sessionsOf(...files: string[]): Promise<SessionRow[]> {
  const run = await runIngest(files.map((f) => `samples/run-main/${f}`));
  const rows = run.db.prepare(`SELECT * FROM sessions ORDER BY start_ts, pid`).all() as SessionRow[];
  run.db.close();
  return rows;
}

test('04: the 20 holders disconnect when pg_sleep_until returns; each refused connection ends with its FATAL', async () => {
  const rows = await sessionsOf('04-connection-exhaustion.log');
  const t = truth['04-connection-exhaustion'];
  const holders = rows.filter((r) => r.ended === 'disconnected' && r.end_ts! >= '2026-11-26T17:01:47');
  assert.equal(holders.filter((r) => r.application_name === 'puma').length, t.app_connections_held);
  assert.equal(holders.filter((r) => r.application_name === 'psql' && r.user_name === 'postgres').length, t.superuser_connections_held);
  for (const r of holders) {
    assert.equal(r.end_kind, 'disconnection');
    assert.ok(r.duration_ms! > 8000, `${r.pid} held ${r.duration_ms} ms`);
  }
  const refused = rows.filter((r) => r.ended === 'fatal').map((r) => [r.end_kind, r.user_name]);
  assert.deepEqual(refused, [
    ['too_many_connections_role', 'reporting'],
    ['reserved_slots', 'app'],
    ['too_many_clients', 'postgres'],
    ['too_many_clients', 'app'],
  ]);
  // Nothing left open: every session of the scenario is accounted for.
  assert.deepEqual(rows.filter((r) => r.ended !== 'disconnected' && r.ended !== 'fatal'), []);
});

test('05: every login attempt is one session that ends the way the client saw', async () => {
  const rows = await sessionsOf('05-auth-failures.log');
  const attempts = truth['05-auth-failures'].attempts;
  assert.equal(rows.length, attempts.length);
  attempts.forEach((a, i) => {
    const s = rows[i]!;
    assert.equal(s.user_name ?? a.user, a.user, a.label);
    if (a.result === 'ok') {
      assert.equal(s.ended, 'disconnected', a.label);
      assert.equal(s.application_name, a.application_name);
      assert.equal(s.auth_method, 'scram-sha-256');
    } else if (a.result.startsWith('FATAL:')) {
      assert.equal(s.ended, 'fatal', a.label);
      assert.equal(s.end_entry_id, s.cause_entry_id, `${a.label}: no disconnection after a failed login`);
      assert.equal(s.user_name, a.user, a.label);
      assert.equal(s.database_name, a.database, a.label);
    } else {
      // libpq gave up before sending a password: only `connection received`, and nothing says when it went.
      assert.equal(s.ended, 'open', a.label);
      assert.equal(s.authorized, 0);
    }
  });
});

test('09: the killed backend and the two it took down end in the crash', async () => {
  const rows = await sessionsOf('09-crash-recovery.log');
  const t = truth['09-crash-recovery'];
  const of = (pid: number) => rows.find((r) => r.pid === pid)!;
  assert.equal(of(t.killed_pid).ended, 'crash');
  assert.equal(of(t.killed_pid).end_kind, 'server_crash');
  assert.ok(Math.abs(Date.parse(of(t.killed_pid).end_ts!) - Date.parse(t.killed_at_utc)) < 50);
  for (const pid of t.other_backends_terminated) {
    assert.equal(of(pid).ended, 'crash', String(pid));
    assert.equal(of(pid).end_kind, 'terminating_others');
  }
  const crashed = new Set([t.killed_pid, ...t.other_backends_terminated]);
  for (const r of rows) if (!crashed.has(r.pid)) assert.equal(r.ended, 'disconnected', String(r.pid));
});

test('10: a fast shutdown ends the open sessions as shutdown, with the exact session time', async () => {
  const rows = await sessionsOf('10-reload-shutdown.log');
  for (const pid of truth['10-reload-shutdown'].terminated_by_shutdown) {
    const s = rows.find((r) => r.pid === pid)!;
    assert.equal(s.ended, 'shutdown');
    assert.equal(s.end_kind, 'admin_terminated');
    assert.notEqual(s.end_entry_id, s.cause_entry_id, 'ends at its disconnection line');
  }
  assert.deepEqual(rows.find((r) => r.pid === 28956)!.duration_ms, 600);
});

test('a session the log caught mid-way starts at its disconnection minus the session time', async () => {
  // 04 without the first three lines: 27278's connection lines (it connected at 17:01:33.044).
  const lines = readFileSync('samples/run-main/04-connection-exhaustion.log', 'utf8').split('\n');
  assert.match(lines[3]!, /\[27285\].*connection received/);
  const path = join(tempDir(), 'mid-session.log');
  writeFileSync(path, lines.slice(3).join('\n'));
  const run = await runIngest([path]);
  const s = run.db.prepare(`SELECT * FROM sessions WHERE pid = 27278`).get() as SessionRow;
  run.db.close();
  assert.equal(s.start_ts, '2026-11-26T17:01:33.042Z');
  assert.equal(s.duration_ms, 2037);
  assert.equal(s.ended, 'disconnected');
  assert.equal(s.statements, 1);
  assert.equal(s.application_name, 'metabase');
});
