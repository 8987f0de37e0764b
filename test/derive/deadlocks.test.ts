/** Deadlocks reconstructed from the real samples, checked against what the scenario script recorded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { runIngest, storeOfLines } from '../helpers/run-ingest.js';
import { deadlocksCommand, loadDeadlocks, type DeadlockParticipantView, type DeadlockView } from '../../src/commands/deadlocks.js';

interface Truth {
  scenarios: {
    '01-deadlock-2proc': { deterministic: Array<{ kind: string; pids: number[]; xids: number[]; apps: string[]; victim_pid: number; statements: string[] }>; deadlock_errors_expected_total: number };
    '02-deadlock-3proc': { pids: number[]; xids: number[]; apps: string[]; waits_for: Record<string, number>; victim_pid: number };
  };
}
const truth = JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth;

async function deadlocksOf(ext: 'log' | 'csv' | 'json'): Promise<DeadlockView[]> {
  const run = await runIngest([`samples/run-main/01-deadlock-2proc.${ext}`, `samples/run-main/02-deadlock-3proc.${ext}`]);
  const path = run.db.name;
  run.db.close();
  return loadDeadlocks(path, {}).deadlocks;
}

const byFormat = {
  log: await deadlocksOf('log'),
  csv: await deadlocksOf('csv'),
  json: await deadlocksOf('json'),
};
const deadlocks = byFormat.log;

test('every deadlock detected is reconstructed', () => {
  const expected = truth.scenarios['01-deadlock-2proc'].deadlock_errors_expected_total + 1;
  assert.equal(deadlocks.length, expected);
});

test('the deterministic two-process deadlocks: pids, victim, xids, applications, queries', () => {
  for (const t of truth.scenarios['01-deadlock-2proc'].deterministic) {
    const d = deadlocks.find((x) => x.victim_pid === t.victim_pid);
    assert.ok(d, `deadlock with victim ${t.victim_pid}`);
    assert.equal(d.processes, 2);
    assert.deepEqual(new Set(d.participants.map((p) => p.pid)), new Set(t.pids), t.kind);
    assert.equal(d.participants.find((p) => p.is_victim)?.pid, t.victim_pid);
    for (const [i, pid] of t.pids.entries()) {
      const p: DeadlockParticipantView = d.participants.find((x) => x.pid === pid)!;
      assert.equal(p.application_name, t.apps[i], `${t.kind}: app of ${pid}`);
      assert.equal(p.xid, t.xids[i], `${t.kind}: xid of ${pid}`);
      // Each participant's query is its second statement: the one that waited.
      assert.equal(p.query, t.statements[i]!.split(' / ')[1], `${t.kind}: query of ${pid}`);
    }
    // A cycle: each participant is blocked by the next, and the last by the first.
    d.participants.forEach((p, i) => assert.equal(p.blocked_by, d.participants[(i + 1) % d.participants.length]!.pid));
  }
  const rows = deadlocks.find((d) => d.victim_pid === truth.scenarios['01-deadlock-2proc'].deterministic[0]!.victim_pid)!;
  assert.deepEqual(rows.participants.map((p) => [p.mode, p.object_type]), [['ShareLock', 'transaction'], ['ShareLock', 'transaction']]);
  assert.equal(rows.relation, 'accounts');
  assert.ok(rows.victim_wait_ms !== null && rows.victim_wait_ms >= 200);
  const advisory = deadlocks.find((d) => d.victim_pid === truth.scenarios['01-deadlock-2proc'].deterministic[1]!.victim_pid)!;
  assert.deepEqual(advisory.participants.map((p) => p.object_type), ['advisory', 'advisory']);
  const tables = deadlocks.find((d) => d.victim_pid === truth.scenarios['01-deadlock-2proc'].deterministic[2]!.victim_pid)!;
  assert.deepEqual(tables.participants.map((p) => [p.mode, p.object_type]), [['RowExclusiveLock', 'relation'], ['ShareRowExclusiveLock', 'relation']]);
});

test('the three-process deadlock: the whole cycle', () => {
  const t = truth.scenarios['02-deadlock-3proc'];
  const d = deadlocks.find((x) => x.victim_pid === t.victim_pid);
  assert.ok(d);
  assert.equal(d.processes, 3);
  assert.equal(d.victim_pid, t.victim_pid);
  const blockedBy = Object.fromEntries(d.participants.map((p) => [String(p.pid), p.blocked_by]));
  assert.deepEqual(blockedBy, t.waits_for);
  for (const [i, pid] of t.pids.entries()) {
    const p: DeadlockParticipantView = d.participants.find((x) => x.pid === pid)!;
    assert.equal(p.application_name, t.apps[i]);
    assert.equal(p.xid, t.xids[i]);
    assert.match(p.query ?? '', /^UPDATE accounts SET balance = balance \+ 1 WHERE id = \d+;$/);
    assert.equal(p.mode, 'ShareLock');
  }
});

test('identical from the stderr, csv and json files of the same run', () => {
  // Where each one is logged (file, line, entry ids) differs from format to format; what it says does not.
  const strip = (list: DeadlockView[]) =>
    JSON.parse(JSON.stringify(list.map(({ evidence: _e, ...d }) => d), (key, value: unknown) => (key === 'entry_id' ? undefined : value))) as unknown;
  assert.deepEqual(strip(byFormat.csv), strip(byFormat.log));
  assert.deepEqual(strip(byFormat.json), strip(byFormat.log));
});

test('--limit: the first deadlocks in time order, and how many the window holds', async () => {
  const run = await runIngest(['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/02-deadlock-3proc.log']);
  const path = run.db.name;
  run.db.close();
  const all = loadDeadlocks(path, {});
  assert.ok(all.total > 3);
  const first = loadDeadlocks(path, { limit: 3 });
  assert.deepEqual({ ids: first.deadlocks.map((d) => d.id), total: first.total }, { ids: all.deadlocks.slice(0, 3).map((d) => d.id), total: all.total });
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  assert.equal(deadlocksCommand({ db: path, limit: 3, json: false }, out), 3);
  assert.equal(text.match(/^Deadlock #/gm)?.length, 3);
  assert.match(text, new RegExp(`the first 3 of ${all.total} deadlocks in this window \\(--limit ${all.total} shows them all`));
  text = '';
  deadlocksCommand({ db: path, limit: all.total, json: false }, out);
  assert.match(text, new RegExp(`\\n${all.total} deadlocks\\n$`));
});

test('--pid, --app, --object: the deadlocks one participant of which matches them all, and how many', async () => {
  const run = await runIngest(['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/02-deadlock-3proc.log']);
  const path = run.db.name;
  run.db.close();
  const all = loadDeadlocks(path, {}).deadlocks;
  const threeProc = truth.scenarios['02-deadlock-3proc'];
  const filters: Array<{ pid?: number; application?: string; object?: string }> = [
    { pid: threeProc.pids[0]! },
    { application: threeProc.apps[0]! },
    { application: 'delayed_job' },
    { object: 'accounts' },
    { object: 'advisory' },
    { application: 'delayed_job', object: 'advisory' },
    { application: 'no such app' },
  ];
  for (const filter of filters) {
    const matches = (p: DeadlockParticipantView) =>
      (filter.pid === undefined || p.pid === filter.pid) &&
      (filter.application === undefined || p.application_name === filter.application) &&
      (filter.object === undefined || p.object.includes(filter.object) || (p.relation ?? '').includes(filter.object));
    const expected = all.filter((d) => d.participants.some(matches)).map((d) => d.id);
    const got = loadDeadlocks(path, filter);
    assert.deepEqual(got.deadlocks.map((d) => d.id), expected, JSON.stringify(filter));
    assert.equal(got.total, expected.length);
    if (expected.length > 1) assert.deepEqual(loadDeadlocks(path, { ...filter, limit: 1 }).total, expected.length, JSON.stringify(filter));
  }
  assert.ok(loadDeadlocks(path, { application: 'delayed_job', object: 'advisory' }).total > 0, 'the samples have such a deadlock');
  assert.ok(loadDeadlocks(path, { application: 'delayed_job', object: 'advisory' }).total < loadDeadlocks(path, { application: 'delayed_job' }).total);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  deadlocksCommand({ db: path, application: 'no such app', json: false }, out);
  assert.equal(text, 'No deadlocks in the store for this window with such a participant.\n');
});

/** A hand-written line of backend `pid` at second 10:00:`time`. */
const line = (time: string, pid: number, text: string) => `2026-11-26 10:00:${time} UTC [${pid}] app@shop ${text}`;
const upd = (b: number, id: number) => `UPDATE accounts SET b = ${b} WHERE id = ${id};`;
/** pid 100 waits for pid 200 from 00.300; at 00.700 pid 200 waits for 100 in turn, and is the deadlock's victim. */
const waitThenDeadlock = [
    line('00.500', 100, 'LOG:  process 100 still waiting for ShareLock on transaction 1002 after 200.000 ms'),
    line('00.500', 100, 'DETAIL:  Process holding the lock: 200. Wait queue: 100.'),
    line('00.500', 100, `STATEMENT:  ${upd(1, 2)}`),
    line('00.700', 200, 'ERROR:  deadlock detected'),
    line('00.700', 200, 'DETAIL:  Process 200 waits for ShareLock on transaction 1001; blocked by process 100.'),
    '\tProcess 100 waits for ShareLock on transaction 1002; blocked by process 200.',
    `\tProcess 200: ${upd(2, 1)}`,
    `\tProcess 100: ${upd(1, 2)}`,
    line('00.700', 200, 'HINT:  See server log for query details.'),
    line('00.700', 200, 'CONTEXT:  while updating tuple (0,1) in relation "accounts"'),
    line('00.700', 200, `STATEMENT:  ${upd(2, 1)}`),
];

test("each participant's transaction before the deadlock: its earlier statements, from after its previous transaction or session began", async () => {
  const log = [
    line('00.000', 200, 'LOG:  connection authorized: user=app database=shop application_name=puma'),
    line('00.050', 100, 'LOG:  duration: 1.000 ms  statement: UPDATE other SET v = 0 WHERE id = 9;'),
    line('00.100', 100, 'ERROR:  canceling statement due to statement timeout'),
    line('00.100', 100, 'STATEMENT:  UPDATE other SET v = 0 WHERE id = 8;'),
    line('00.200', 100, `LOG:  duration: 2.000 ms  statement: ${upd(1, 1)}`),
    line('00.250', 200, `LOG:  duration: 2.000 ms  statement: ${upd(2, 2)}`),
    ...waitThenDeadlock,
    line('00.701', 100, 'LOG:  process 100 acquired ShareLock on transaction 1002 after 401.000 ms'),
    line('00.702', 100, `LOG:  duration: 502.000 ms  statement: ${upd(1, 2)}`),
  ];
  const path = await storeOfLines(log);
  const [d] = loadDeadlocks(path, {}).deadlocks;
  const transactions = Object.fromEntries(
    d!.participants.map((p) => [p.pid, { after: p.transaction?.start?.what, at: p.transaction?.start?.ts, earlier: p.transaction?.earlier.map((s) => s.text) }]),
  );
  assert.deepEqual(transactions, {
    100: { after: 'the transaction before ended (statement canceled by statement_timeout)', at: '2026-11-26T10:00:00.100Z', earlier: [`duration: 2.000 ms  statement: ${upd(1, 1)}`] },
    200: { after: 'its session started', at: '2026-11-26T10:00:00.000Z', earlier: [`duration: 2.000 ms  statement: ${upd(2, 2)}`] },
  });
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  deadlocksCommand({ db: path, json: false }, out);
  assert.match(text, /earlier in its transaction \(after the transaction before ended \(statement canceled by statement_timeout\) at 10:00:00\.100\):\n +10:00:00\.200 +duration: 2\.000 ms/);
});

test('a transaction logged with its BEGIN, COMMIT and savepoints: it began with its BEGIN, an error rolled back to a savepoint did not end it, any other error did; nothing logged after the deadlock is shown', async () => {
  const log = [
    // pid 100 logs every statement (log_statement = 'all').
    line('00.000', 100, 'LOG:  statement: BEGIN'),
    line('00.010', 100, `LOG:  statement: ${upd(1, 3)}`),
    line('00.020', 100, 'LOG:  statement: COMMIT'),
    line('00.030', 100, 'LOG:  statement: BEGIN ISOLATION LEVEL REPEATABLE READ'),
    line('00.040', 100, 'LOG:  statement: SAVEPOINT s1'),
    line('00.050', 100, "LOG:  statement: INSERT INTO audit VALUES (1);"),
    line('00.050', 100, 'ERROR:  duplicate key value violates unique constraint "audit_pkey"'),
    line('00.050', 100, 'DETAIL:  Key (id)=(1) already exists.'),
    line('00.050', 100, 'STATEMENT:  INSERT INTO audit VALUES (1);'),
    line('00.060', 100, 'LOG:  statement: ROLLBACK TO SAVEPOINT s1'),
    line('00.070', 100, `LOG:  statement: ${upd(1, 1)}`),
    // pid 200 logs its slow statements only: no BEGIN, but an error ends a transaction.
    line('00.100', 200, `LOG:  duration: 1.000 ms  statement: UPDATE other SET v = 1 WHERE id = 3;`),
    line('00.150', 200, 'ERROR:  duplicate key value violates unique constraint "x_pkey"'),
    line('00.150', 200, 'STATEMENT:  INSERT INTO x VALUES (1);'),
    line('00.250', 200, `LOG:  duration: 2.000 ms  statement: ${upd(2, 2)}`),
    line('00.300', 100, `LOG:  statement: ${upd(1, 2)}`),
    ...waitThenDeadlock,
    // In the same millisecond, after the deadlock: the survivor's statement completes, and it commits.
    line('00.700', 100, `LOG:  duration: 400.000 ms  statement: ${upd(1, 2)}`),
    line('00.700', 100, 'LOG:  statement: COMMIT'),
  ];
  const path = await storeOfLines(log);
  const [d] = loadDeadlocks(path, {}).deadlocks;
  const transactions = Object.fromEntries(d!.participants.map((p) => [p.pid, { start: p.transaction?.start, earlier: p.transaction?.earlier.map((s) => s.text) }]));
  const entryAt = (time: string) => idOf(path, `2026-11-26T10:00:${time}Z`);
  assert.deepEqual(transactions, {
    100: {
      start: { at: 'began_with', what: 'BEGIN', ts: '2026-11-26T10:00:00.030Z', entry_id: entryAt('00.030') },
      earlier: ['statement: SAVEPOINT s1', 'statement: INSERT INTO audit VALUES (1);', 'statement: ROLLBACK TO SAVEPOINT s1', `statement: ${upd(1, 1)}`],
    },
    200: {
      start: { at: 'after', what: 'the transaction before ended (ERROR unique_violation)', ts: '2026-11-26T10:00:00.150Z', entry_id: entryAt('00.150') },
      earlier: [`duration: 2.000 ms  statement: ${upd(2, 2)}`],
    },
  });
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  deadlocksCommand({ db: path, json: false }, out);
  assert.match(text, /earlier in its transaction \(from its BEGIN at 10:00:00\.030\):\n +10:00:00\.040 +statement: SAVEPOINT s1\n/);
  assert.match(text, /earlier in its transaction \(after the transaction before ended \(ERROR unique_violation\) at 10:00:00\.150\):/);
});

/** The first entry stored with time `ts`. */
function idOf(path: string, ts: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT min(id) AS id FROM entries WHERE ts = ?').get(ts) as { id: number }).id;
  } finally {
    db.close();
  }
}
