import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runIngest } from '../helpers/run-ingest.js';
import { loadBlockers } from '../../src/commands/blockers.js';
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
