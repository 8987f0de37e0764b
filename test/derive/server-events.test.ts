/** The server's life in the real sample: crash and recovery (09), reload and fast shutdown (10), restart (11). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runIngest } from '../helpers/run-ingest.js';

interface Truth {
  server_version: string;
  postmaster_pids: number[];
  scenarios: {
    '09-crash-recovery': { postmaster_pid: number; killed_pid: number; signal: number; killed_at_utc: string; killed_query: string };
    '10-reload-shutdown': { postmaster_pid: number; reload_changed: Record<string, string>; reload_rejected: string[]; shutdown_mode: string; window_utc: [string, string] };
    '11-restart-shutdown': { postmaster_pid: number; shutdown_mode: string };
  };
}
const truth = JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth;
const t = truth.scenarios;

type Row = Record<string, unknown> & { ts: string; kind: string; pid: number; entry_id: number };

const run = await runIngest(['samples/run-main']);
const events = run.db.prepare(`SELECT * FROM server_events ORDER BY ts, id`).all() as Row[];
run.db.close();
const ofKind = (kind: string) => events.filter((e) => e.kind === kind);

test('09: the crash names the killed pid, signal 9 and its query; the server is back after a measured recovery', () => {
  const s = t['09-crash-recovery'];
  const [crash, ...more] = ofKind('server_crash');
  assert.equal(more.length, 0);
  assert.equal(crash!.pid, s.postmaster_pid);
  assert.equal(crash!.subject_pid, s.killed_pid);
  assert.equal(crash!.process, 'server process');
  assert.deepEqual([crash!.signal, crash!.signal_name], [s.signal, 'Killed']);
  assert.equal(crash!.query, s.killed_query);
  assert.match(crash!.note as string, /OOM killer/);
  assert.ok(Math.abs(Date.parse(crash!.ts) - Date.parse(s.killed_at_utc)) < 50);

  const story = events.filter((e) => e.ts >= crash!.ts && e.ts <= '2026-11-26T17:02:09').map((e) => e.kind);
  assert.deepEqual(story, [
    'server_crash', 'terminating_others', 'reinitializing', 'recovery_interrupted', 'recovery_not_properly_shutdown',
    'redo_start', 'redo_done', 'ready',
  ]);
  const byKind = (k: string) => events.find((e) => e.kind === k && e.ts >= crash!.ts)!;
  assert.equal(byKind('redo_start').lsn, '0/B39A4C8');
  assert.equal(byKind('redo_done').lsn, '0/C8F1AB8');
  assert.equal(byKind('recovery_interrupted').last_up, '2026-11-26 17:02:00 UTC');
  const ready = byKind('ready');
  assert.equal(ready.recovery_from_entry_id, crash!.entry_id);
  assert.equal(ready.recovery_ms, Date.parse(ready.ts) - Date.parse(crash!.ts));
  assert.ok((ready.recovery_ms as number) > 0);
  // The other ready events follow a clean start: no recovery.
  for (const r of ofKind('ready')) if (r !== ready) assert.equal(r.recovery_ms, null);
});

test('10: the reload changed exactly what the truth says, rejected max_connections, then a fast shutdown', () => {
  const s = t['10-reload-shutdown'];
  const inWindow = (e: Row) => e.ts >= s.window_utc[0] && e.ts <= s.window_utc[1];
  const changed = Object.fromEntries(ofKind('parameter_changed').filter(inWindow).map((e) => [e.name, e.value]));
  assert.deepEqual(changed, s.reload_changed);
  assert.deepEqual(ofKind('config_error').filter(inWindow).flatMap((e) => (e.name === null ? [] : [e.name])), s.reload_rejected);
  assert.equal(ofKind('config_reload').filter(inWindow).length, 2);
  const shutdown = ofKind('shutdown_request').filter(inWindow);
  assert.deepEqual(shutdown.map((e) => [e.pid, e.mode]), [[s.postmaster_pid, s.shutdown_mode]]);
  assert.ok(ofKind('shut_down').some((e) => inWindow(e) && e.ts > shutdown[0]!.ts));
});

test('every parameter change of the run, in order (06, 07 and 10 reload settings)', () => {
  assert.deepEqual(ofKind('parameter_changed').map((e) => [e.name, e.value]), [
    ['log_min_duration_statement', '0'],
    ['log_min_duration_statement', '50ms'],
    ['checkpoint_timeout', '30s'],
    ['max_wal_size', '32MB'],
    ['checkpoint_timeout', null],
    ['max_wal_size', '1GB'],
    ['work_mem', '16MB'],
  ]);
  assert.equal(ofKind('parameter_changed').find((e) => e.value === null)!.note, 'reset to default');
});

test('two postmasters: each starts with its version, becomes ready, and shuts down as asked', () => {
  const starts = ofKind('startup');
  assert.deepEqual(starts.map((e) => e.pid), truth.postmaster_pids);
  for (const e of starts) assert.ok(truth.server_version.includes(`PostgreSQL) ${e.version as string} `), String(e.version));
  assert.deepEqual(ofKind('shutdown_request').map((e) => [e.pid, e.mode]), [
    [t['10-reload-shutdown'].postmaster_pid, t['10-reload-shutdown'].shutdown_mode],
    [t['11-restart-shutdown'].postmaster_pid, t['11-restart-shutdown'].shutdown_mode],
  ]);
  assert.equal(ofKind('shut_down').length, 2);
  assert.deepEqual(ofKind('clean_startup').map((e) => e.last_up), ['2026-11-26 17:01:06 UTC', '2026-11-26 17:02:14 UTC']);
});

test('07: each `checkpoints are occurring too frequently` is an event with its spacing', () => {
  assert.deepEqual(ofKind('checkpoint_too_frequent').map((e) => e.seconds), [0, 0, 0, 0, 0, 0, 2, 2]);
});

test('pg15 capture: out of memory with request size and context; an exit code 2 crash; read-only ready', async () => {
  const fx = await runIngest(['test/fixtures/classify/pg15-capture.jsonl']);
  const rows = fx.db.prepare(`SELECT * FROM server_events ORDER BY ts, id`).all() as Row[];
  fx.db.close();
  const oom = rows.find((e) => e.kind === 'out_of_memory')!;
  assert.deepEqual([oom.bytes, oom.memory_context], [20, 'ExecutorState']);
  assert.match(oom.query as string, /^SELECT array_length\(array_agg/);
  const exit2 = rows.find((e) => e.kind === 'server_crash' && e.exit_code !== null)!;
  assert.deepEqual([exit2.subject_pid, exit2.exit_code, exit2.signal, exit2.note], [13971, 2, null, null]);
  assert.deepEqual(rows.filter((e) => e.kind === 'shutdown_request').map((e) => e.mode), ['smart', 'fast', 'immediate']);
  assert.ok(rows.some((e) => e.kind === 'ready' && e.mode === 'read-only'));
  assert.ok(rows.some((e) => e.kind === 'disk_full'));
});
