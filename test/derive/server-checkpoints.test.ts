/** Checkpoints of the real sample (07: timed, requested, WAL-driven; 09: end of recovery; 10/11: shutdown). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runIngest } from '../helpers/run-ingest.js';

type Row = Record<string, unknown> & { flags: string | null; start_ts: string | null; complete_ts: string | null };

const run = await runIngest(['samples/run-main']);
const rows = run.db.prepare(`SELECT * FROM checkpoints ORDER BY start_ts`).all() as Row[];
const completeLines = run.db
  .prepare(`SELECT count(*) FROM entries e JOIN files f ON f.id = e.file_id WHERE f.mirror_of IS NULL AND e.kind = 'checkpoint_complete'`)
  .pluck()
  .get() as number;
run.db.close();

test('one row per checkpoint, each start paired with its completion and figures', () => {
  const complete = rows.filter((r) => r.complete_ts !== null);
  assert.equal(complete.length, completeLines);
  for (const r of complete) {
    assert.ok(r.start_ts !== null && r.start_ts <= r.complete_ts!, JSON.stringify(r));
    for (const c of ['buffers', 'buffers_pct', 'wal_added', 'wal_removed', 'wal_recycled', 'write_s', 'sync_s', 'total_s',
      'sync_files', 'longest_sync_s', 'average_sync_s', 'distance_kb', 'estimate_kb']) {
      assert.equal(typeof r[c], 'number', `${c} of ${r.start_ts}`);
    }
  }
  const first = rows[0]!;
  assert.deepEqual(
    [first.flags, first.reason, first.buffers, first.buffers_pct, first.wal_recycled, first.total_s, first.sync_files, first.distance_kb],
    ['time', 'time', 2454, 59.9, 1, 0.582, 654, 21712],
  );
});

test('07: the requested, WAL and timed checkpoints; the WAL ones flagged as too frequent', () => {
  const flags = rows.map((r) => r.flags);
  assert.ok(flags.includes('immediate force wait'));
  assert.ok(flags.includes('time'));
  const wal = rows.filter((r) => r.reason === 'wal');
  assert.equal(wal.length, 8);
  assert.deepEqual(wal.map((r) => r.too_frequent_s), [0, 0, 0, 0, 0, 0, 2, 2]);
  assert.equal(rows.find((r) => r.reason === 'time')!.too_frequent_s, null);
});

test('the WAL checkpoint running when 09 crashed never completes; recovery and both shutdowns do', () => {
  const unfinished = rows.filter((r) => r.complete_ts === null);
  assert.deepEqual(unfinished.map((r) => [r.start_ts, r.flags, r.buffers]), [['2026-11-26T17:02:00.323Z', 'wal', null]]);
  assert.deepEqual(rows.filter((r) => r.reason === 'end-of-recovery' || r.reason === 'shutdown').map((r) => r.flags), [
    'end-of-recovery immediate wait', 'shutdown immediate', 'shutdown immediate',
  ]);
});

test('pg15 capture: a standby restartpoint with the redo LSN of `recovery restart point at`', async () => {
  const fx = await runIngest(['test/fixtures/classify/pg15-capture.jsonl']);
  const restart = fx.db.prepare(`SELECT * FROM checkpoints WHERE point = 'restartpoint' AND complete_ts IS NOT NULL`).all() as Row[];
  fx.db.close();
  assert.equal(restart.length, 1);
  assert.deepEqual([restart[0]!.flags, restart[0]!.buffers, restart[0]!.redo_lsn], ['wal', 1, '0/24000028']);
});
