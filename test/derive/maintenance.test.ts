/** Autovacuum and autoanalyze in the real sample; cancelled, terminated and skipped runs in the PG 15 capture. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runIngest } from '../helpers/run-ingest.js';

type Row = Record<string, unknown>;

test('07: the DELETE of 3/4 of events brings an autovacuum and an autoanalyze of shop.public.events, with figures', async () => {
  const run = await runIngest(['samples/run-main/07-temp-checkpoint-autovacuum.json']);
  const rows = run.db.prepare(`SELECT * FROM maintenance WHERE table_name = 'events' ORDER BY ts`).all() as Row[];
  run.db.close();
  assert.deepEqual(rows.map((r) => [r.operation, r.database_name, r.schema_name, r.table_name]), [
    ['vacuum', 'shop', 'public', 'events'],
    ['analyze', 'shop', 'public', 'events'],
  ]);
  const [vacuum, analyze] = rows as [Row, Row];
  assert.deepEqual(
    [vacuum.index_scans, vacuum.pages_removed, vacuum.pages_remain, vacuum.pages_scanned, vacuum.tuples_removed,
      vacuum.tuples_remain, vacuum.tuples_dead_not_removable, vacuum.buffer_hits, vacuum.buffer_misses, vacuum.buffer_dirtied,
      vacuum.wal_records, vacuum.wal_fpi, vacuum.wal_bytes, vacuum.elapsed_s, vacuum.aggressive, vacuum.wraparound],
    [1, 0, 6667, 6667, 150000, 50000, 0, 14593, 6013, 11154, 20550, 13884, 30519314, 2.91, 0, 0],
  );
  assert.equal(vacuum.message, 'automatic vacuum of table "shop.public.events": index scans: 1');
  assert.deepEqual([analyze.elapsed_s, analyze.avg_read_mbs, analyze.tuples_removed], [0.22, 95.953, null]);
});

test('every autovacuum report of the run names its table, and the run counts them once', async () => {
  const run = await runIngest(['samples/run-main']);
  const rows = run.db.prepare(`SELECT * FROM maintenance`).all() as Row[];
  const reports = run.db
    .prepare(`SELECT count(*) FROM entries e JOIN files f ON f.id = e.file_id WHERE f.mirror_of IS NULL AND e.kind IN ('autovacuum', 'autoanalyze')`)
    .pluck()
    .get();
  run.db.close();
  assert.equal(rows.length, reports);
  for (const r of rows) {
    assert.ok(r.operation === 'vacuum' || r.operation === 'analyze');
    assert.ok(r.database_name && r.schema_name && r.table_name, JSON.stringify(r));
    assert.equal(typeof r.elapsed_s, 'number');
  }
});

test('pg15 capture: a cancelled autovacuum names the table from its CONTEXT; skipped and terminated runs', async () => {
  const run = await runIngest(['test/fixtures/classify/pg15-capture.jsonl']);
  const rows = run.db.prepare(`SELECT * FROM maintenance WHERE operation NOT IN ('vacuum', 'analyze') ORDER BY ts`).all() as Row[];
  run.db.close();
  assert.deepEqual(rows.map((r) => [r.operation, r.database_name, r.schema_name, r.table_name]), [
    ['canceled', 'shop', 'public', 'big'],
    ['skipped', null, null, 'big'],
    ['skipped', null, null, 'big'],
    ['terminated', null, null, null],
  ]);
  assert.equal(rows[0]!.message, 'canceling autovacuum task');
});
