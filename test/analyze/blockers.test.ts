import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runIngest, storeOfLines } from '../helpers/run-ingest.js';
import { blockersCommand, loadBlockers } from '../../src/commands/blockers.js';
import { PassThrough } from 'node:stream';
import { modesConflict } from '../../src/analyze/blockers/lock-conflicts.js';

const truth = (JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as {
  scenarios: { '03-lock-waits': { ddl_queue: { holder_pid: number; migration_pid: number; queued_select_pids: number[] }; terminate_holder: { terminated_pid: number; waiter_pids: number[] } } };
}).scenarios['03-lock-waits'];

test('lock mode conflicts follow the manual', () => {
  const cases: Array<[string, string, boolean]> = [
    ['AccessShareLock', 'AccessExclusiveLock', true], ['AccessShareLock', 'RowExclusiveLock', false],
    ['RowExclusiveLock', 'ShareLock', true], ['RowExclusiveLock', 'RowExclusiveLock', false],
    ['ShareLock', 'ShareLock', false], ['ShareUpdateExclusiveLock', 'ShareUpdateExclusiveLock', true],
    ['ExclusiveLock', 'RowShareLock', true], ['ExclusiveLock', 'AccessShareLock', false],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(modesConflict(a, b), expected, `${a} vs ${b}`);
    assert.equal(modesConflict(b, a), expected, `${b} vs ${a}`);
  }
});

for (const ext of ['log', 'csv', 'json']) {
  test(`${ext}: the DDL queue is a chain root → migration → queued SELECTs, and the terminated holder is named`, async () => {
    const run = await runIngest([`samples/run-main/03-lock-waits.${ext}`]);
    const path = run.db.name;
    run.db.close();
    const trees = loadBlockers({ db: path }).trees;
    const ddl = trees.find((t) => t.root.pid === truth.ddl_queue.holder_pid);
    assert.ok(ddl, 'the idle holder is a root');
    assert.equal(ddl.root.application_name, 'delayed_job');
    assert.deepEqual(ddl.waiters.map((w) => w.pid), [truth.ddl_queue.migration_pid], 'the migration is the next link');
    const migration = ddl.waiters[0]!;
    assert.equal(migration.mode, 'AccessExclusiveLock');
    assert.deepEqual(migration.waiters.map((w) => w.pid).sort(), [...truth.ddl_queue.queued_select_pids].sort());
    assert.equal(ddl.sessions_held_up, 1 + truth.ddl_queue.queued_select_pids.length);
    const terminated = trees.find((t) => t.root.pid === truth.terminate_holder.terminated_pid);
    assert.ok(terminated);
    assert.match(terminated.root.ended.how, /terminated by an administrator/);
    assert.equal(terminated.waiters[0]!.pid, truth.terminate_holder.waiter_pids[0]);
  });
}

test('a root that blocks in two transactions has a tree for each, with that transaction\'s statements and ending', async () => {
  const line = (time: string, pid: number, text: string) => `2026-11-26 10:00:${time} UTC [${pid}] app@shop ${text}`;
  const waitFor = (start: string, end: string, pid: number, xid: number, ms: [string, string]) => [
    line(start, pid, `LOG:  process ${pid} still waiting for ShareLock on transaction ${xid} after ${ms[0]} ms`),
    line(start, pid, `DETAIL:  Process holding the lock: 100. Wait queue: ${pid}.`),
    line(start, pid, `CONTEXT:  while updating tuple (0,1) in relation "orders"`),
    line(start, pid, `STATEMENT:  UPDATE orders SET status = 'b' WHERE id = 1;`),
    line(end, pid, `LOG:  process ${pid} acquired ShareLock on transaction ${xid} after ${ms[1]} ms`),
  ];
  const log = [
    line('00.000', 100, `LOG:  duration: 5.000 ms  statement: UPDATE orders SET status = 'first' WHERE id = 1;`),
    ...waitFor('00.400', '01.000', 200, 900, ['200.000', '800.000']),
    line('04.000', 100, `LOG:  duration: 5.000 ms  statement: UPDATE orders SET status = 'second' WHERE id = 1;`),
    line('06.000', 100, 'FATAL:  terminating connection due to administrator command'),
    ...waitFor('04.400', '06.002', 300, 901, ['200.000', '1802.000']).filter((l) => !l.includes('acquired')),
    line('06.002', 300, 'LOG:  process 300 acquired ShareLock on transaction 901 after 1802.000 ms'),
  ].sort((a, b) => a.slice(0, 23).localeCompare(b.slice(0, 23)));
  const path = await storeOfLines(log);
  const trees = loadBlockers({ db: path }).trees.filter((t) => t.root.pid === 100).sort((a, b) => a.first_wait!.localeCompare(b.first_wait!));
  assert.deepEqual(
    trees.map((t) => [t.waiters.map((w) => w.pid), t.root.ended.how, t.root.statements.at(-1)?.text]),
    [
      [[200], 'no ending logged while it blocked: it committed or rolled back without logging, or still ran at the end of the log', "duration: 5.000 ms  statement: UPDATE orders SET status = 'first' WHERE id = 1;"],
      [[300], 'terminated by an administrator (pg_terminate_backend)', "duration: 5.000 ms  statement: UPDATE orders SET status = 'second' WHERE id = 1;"],
    ],
  );
});

test("a root's statements are its blocking transaction's, one line per execution, none from before an error or a new session", async () => {
  const line = (time: string, pid: number, text: string) => `2026-11-26 10:00:${time} UTC [${pid}] app@shop ${text}`;
  const upd = (pid: number, what: string) => `UPDATE orders SET status = '${what}' WHERE id = ${pid};`;
  const blocked = (root: number, waiter: number, start: string, end: string) => [
    line(start, waiter, `LOG:  process ${waiter} still waiting for ShareLock on transaction 9${root} after 200.000 ms`),
    line(start, waiter, `DETAIL:  Process holding the lock: ${root}. Wait queue: ${waiter}.`),
    line(start, waiter, `STATEMENT:  ${upd(root, 'waiter')}`),
    line(end, waiter, `LOG:  process ${waiter} acquired ShareLock on transaction 9${root} after 600.000 ms`),
  ];
  const log = [
    // Root 100: its previous transaction ends as a deadlock victim before it blocks again.
    line('00.050', 100, `LOG:  duration: 5.000 ms  statement: ${upd(100, 'earlier')}`),
    line('00.100', 100, 'ERROR:  deadlock detected'),
    line('00.100', 100, 'DETAIL:  Process 100 waits for ShareLock on transaction 1; blocked by process 101.'),
    line('00.100', 100, `STATEMENT:  ${upd(100, 'victim')}`),
    line('00.300', 100, `LOG:  process 100 still waiting for ShareLock on transaction 5 after 200.000 ms`),
    line('00.300', 100, `STATEMENT:  ${upd(100, 'blocking')}`),
    line('00.350', 100, `LOG:  process 100 acquired ShareLock on transaction 5 after 250.000 ms`),
    line('00.350', 100, `STATEMENT:  ${upd(100, 'blocking')}`),
    line('00.360', 100, `LOG:  duration: 260.000 ms  statement: ${upd(100, 'blocking')}`),
    ...blocked(100, 200, '00.600', '01.000'),
    // Root 110: the pid was another session's before this one connected.
    line('00.010', 110, `LOG:  duration: 1.000 ms  statement: ${upd(110, 'other session')}`),
    line('00.500', 110, 'LOG:  connection authorized: user=app database=shop application_name=puma'),
    line('00.550', 110, `LOG:  duration: 1.000 ms  statement: ${upd(110, 'blocking')}`),
    ...blocked(110, 210, '00.800', '01.200'),
  ].sort((a, b) => a.slice(0, 23).localeCompare(b.slice(0, 23)));
  const path = await storeOfLines(log);
  const root = (pid: number) => loadBlockers({ db: path }).trees.find((t) => t.root.pid === pid)!.root;
  assert.deepEqual(root(100).statements.map((s) => s.text), [`duration: 260.000 ms  statement: ${upd(100, 'blocking')}`]);
  assert.deepEqual(root(110).statements.map((s) => s.text), [`duration: 1.000 ms  statement: ${upd(110, 'blocking')}`]);
  // What bounds the transaction's start from below is named, with its entry.
  assert.match(root(100).holding_since_evidence, /^the first wait it caused; its transaction began after the transaction before ended \(rolled back as a deadlock victim\) at 2026-11-26 10:00:00\.100 \[entry \d+\]$/);
  assert.match(root(110).holding_since_evidence, /^the first wait it caused; its transaction began after its session started at 2026-11-26 10:00:00\.500 \[entry \d+\]$/);
});

test('off-outage: pooled backends that block again and again get a tree per stretch, each with an ending of its own', async () => {
  const run = await runIngest(['samples/off-outage/postgresql.log']);
  const path = run.db.name;
  run.db.close();
  const trees = loadBlockers({ db: path }).trees;
  const roots = trees.map((t) => t.root.pid);
  assert.ok(new Set(roots).size < roots.length, 'some root blocks in more than one stretch');
  const endings = trees.map((t) => t.root.ended.entry_id).filter((id) => id !== null);
  assert.equal(new Set(endings).size, endings.length, 'no ending is claimed by two trees');
  for (const t of trees) {
    if (t.root.ended.ts !== null) assert.ok(t.root.ended.ts >= t.first_wait! && t.root.ended.ts <= t.last_end!, `root ${t.root.pid} ended within its tree`);
  }
});

test('off-outage: the backends that are the root of several trees listed are named once, with their count', async () => {
  const run = await runIngest(['samples/off-outage/postgresql.log']);
  const path = run.db.name;
  run.db.close();
  const trees = loadBlockers({ db: path, limit: 50 }).trees;
  const count = trees.filter((t) => t.root.pid === 9047).length;
  assert.ok(count > 1, `pid 9047 roots ${count} trees`);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  blockersCommand({ db: path, limit: 50, json: false }, out);
  assert.match(text, new RegExp(`Roots of several trees above[^\\n]*\\n(  pid [^\\n]*\\n)*  pid 9047 \\(puma\\): root of ${count} trees, [\\d.]+ s of waiting caused, 2026-11-26 17:52:[\\d.]+ → 2026-11-26 17:52:[\\d.]+\\n`));
  assert.doesNotMatch(text, /pid 11842 \(delayed_job\): root of/, 'a root of one tree is not repeated');
});
