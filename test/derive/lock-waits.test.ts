/** Lock-wait episodes of the real sample, against the outcomes the scenario script recorded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runIngest } from '../helpers/run-ingest.js';
import { loadLockWaits, type LockWaitView } from '../../src/commands/locks.js';

interface Pair { holder_pid: number; waiter_pid: number }
interface Truth {
  scenarios: {
    '03-lock-waits': {
      acquired: Pair; lock_timeout: Pair; statement_timeout: Pair; cancel: Pair;
      terminate_holder: { holder_pid: number; waiter_pids: number[]; terminated_pid: number };
      ddl_queue: { holder_pid: number; migration_pid: number; queued_select_pids: number[] };
    };
  };
}
const t = (JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth).scenarios['03-lock-waits'];

async function waitsOf(ext: string): Promise<{ waits: LockWaitView[]; acquiredMs: Map<number, number> }> {
  const run = await runIngest([`samples/run-main/03-lock-waits.${ext}`]);
  const acquiredMs = new Map(
    (run.db.prepare(`SELECT pid, message FROM entries WHERE kind = 'lock_wait_acquired'`).all() as Array<{ pid: number; message: string }>)
      .map((r) => [r.pid, Number(/after ([\d.]+) ms/.exec(r.message)![1])]),
  );
  const path = run.db.name;
  run.db.close();
  return { waits: loadLockWaits({ db: path, limit: 1000 }), acquiredMs };
}

for (const ext of ['log', 'csv', 'json']) {
  test(`${ext}: every episode ends the way the scenario did, with its total wait`, async () => {
    const { waits, acquiredMs } = await waitsOf(ext);
    const of = (pid: number) => {
      const w = waits.filter((x) => x.pid === pid);
      assert.equal(w.length, 1, `one episode for pid ${pid}`);
      return w[0]!;
    };
    const expectations: Array<[number, string, number]> = [
      [t.acquired.waiter_pid, 'acquired', t.acquired.holder_pid],
      [t.lock_timeout.waiter_pid, 'lock_timeout', t.lock_timeout.holder_pid],
      [t.statement_timeout.waiter_pid, 'statement_timeout', t.statement_timeout.holder_pid],
      [t.cancel.waiter_pid, 'canceled', t.cancel.holder_pid],
    ];
    for (const [pid, resolution, holder] of expectations) {
      const w = of(pid);
      assert.equal(w.resolution, resolution, `pid ${pid}`);
      assert.deepEqual(w.holders, [holder], `holder of ${pid}`);
      assert.ok(w.wait_ms !== null && w.wait_ms >= 200, `wait of ${pid}: ${w.wait_ms}`);
    }
    // Acquired waits: the total is the server's own figure.
    for (const w of waits.filter((x) => x.resolution === 'acquired')) assert.equal(w.wait_ms, acquiredMs.get(w.pid), `pid ${w.pid}`);

    // pg_terminate_backend of the holder: the holder shows as terminated, its waiters acquire.
    const first = of(t.terminate_holder.waiter_pids[0]!);
    assert.deepEqual(first.holders, [t.terminate_holder.terminated_pid]);
    assert.equal(first.holder_ended, 'terminated');
    for (const pid of t.terminate_holder.waiter_pids) assert.equal(of(pid).resolution, 'acquired');

    // The DDL queue: the migration waits for AccessExclusiveLock, the SELECTs queue behind it.
    const migration = of(t.ddl_queue.migration_pid);
    assert.equal(migration.mode, 'AccessExclusiveLock');
    assert.match(migration.object, /^relation \d+ of database \d+$/);
    assert.deepEqual(migration.holders, [t.ddl_queue.holder_pid]);
    for (const pid of t.ddl_queue.queued_select_pids) {
      const select = of(pid);
      assert.equal(select.mode, 'AccessShareLock');
      assert.equal(select.object_key, migration.object_key);
      assert.ok(select.queue.includes(t.ddl_queue.migration_pid), 'the migration is ahead in the queue');
      assert.equal(select.resolution, 'acquired');
    }
  });
}
