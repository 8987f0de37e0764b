/**
 * The derive pass as the ingest runs it: begun on the writer's connection, fed the
 * entry batches read through another, and all or nothing when a deriver fails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beginDerive, deriveAll } from '../../src/derive/derive-all.js';
import { DERIVERS } from '../../src/derive/derivers.js';
import { entryBatches } from '../../src/derive/entry-batches.js';
import { createShaper, type Shaper } from '../../src/derive/statements/statement-shaper.js';
import { statementLineText } from '../../src/derive/statements/statement-entry.js';
import type { Deriver } from '../../src/derive/deriver.js';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

const SAMPLE = 'samples/run-main/02-deadlock-3proc.log';

async function store(): Promise<string> {
  const path = join(tempDir(), 'store.db');
  (await runIngest([SAMPLE], { dbPath: path })).db.close();
  return path;
}

const count = (db: Database.Database, table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

test('batches fed by hand give the same tables as deriveAll', async () => {
  const path = await store();
  const db = new Database(path);
  const before = { deadlocks: count(db, 'deadlocks'), participants: count(db, 'deadlock_participants'), statements: count(db, 'statement_rows') };
  assert.ok(before.deadlocks > 0 && before.statements > 0);
  const session = beginDerive(db, DERIVERS);
  for (const batch of entryBatches(path)) session.push(batch);
  const summary = session.finish();
  assert.equal(summary.entries, count(db, 'entries'));
  assert.deepEqual({ deadlocks: count(db, 'deadlocks'), participants: count(db, 'deadlock_participants'), statements: count(db, 'statement_rows') }, before);
  assert.deepEqual(deriveAll(db, path, DERIVERS), summary);
  db.close();
});

test('a deriver that fails leaves the earlier derived tables as they were, and refuses rows still in flight', async () => {
  const path = await store();
  const db = new Database(path);
  const deadlocks = count(db, 'deadlocks');
  let seen = 0;
  const failing: Deriver = {
    name: 'failing',
    tables: [],
    schema: '',
    start: () => ({
      push() {
        if (++seen === 3) throw new Error('deriver bug');
      },
      finish() {},
    }),
  };
  const session = beginDerive(db, [...DERIVERS, failing]);
  const batches = [...entryBatches(path, { batchRows: 1 })];
  assert.throws(() => batches.forEach((b) => session.push(b)), /deriver bug/);
  assert.equal(db.inTransaction, false);
  assert.equal(count(db, 'deadlocks'), deadlocks, 'the rolled-back pass kept the previous tables');
  assert.throws(() => session.push(batches[3]!), /aborted/);
  assert.throws(() => session.finish(), /aborted/);
  assert.equal(count(db, 'deadlocks'), deadlocks);
  db.close();
});

const STATEMENT_TABLES = ['statement_rows', 'statement_variants', 'statement_shapes', 'statement_buckets'];
const dump = (db: Database.Database): Record<string, unknown[]> =>
  Object.fromEntries(STATEMENT_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all()]));

test('statement tables are the same whether the reading side shaped the texts or the deriver did', async () => {
  const dir = tempDir();
  // U+0001 ends the JSON of a batch row: text of the log may hold one too.
  const log = join(dir, 'control.log');
  writeFileSync(log, [
    "2026-11-26 17:03:35.414 UTC [100] app@bench LOG:  duration: 1.500 ms  statement: SELECT '\u0001' || 'a' FROM t WHERE id = 5",
    "2026-11-26 17:03:35.415 UTC [100] app@bench LOG:  duration: 2.500 ms  statement: SELECT '\u0001' || 'b' FROM t WHERE id = 6",
    '2026-11-26 17:03:35.416 UTC [101] app@bench LOG:  statement: SELECT 1 /* \u0001 */',
    '2026-11-26 17:03:35.417 UTC [101] app@bench LOG:  duration: 0.500 ms',
    '2026-11-26 17:03:35.418 UTC [102] app@bench LOG:  execute s1: SELECT abalance FROM pgbench_accounts WHERE aid = $1',
    '2026-11-26 17:03:35.418 UTC [102] app@bench DETAIL:  parameters: $1 = \'7\'',
    // Past 64 KiB a statement line is left to the deriver to shape.
    `2026-11-26 17:03:35.419 UTC [103] app@bench LOG:  duration: 9.000 ms  statement: SELECT '${'y'.repeat(70_000)}'`,
    '',
  ].join('\n'));
  const path = join(dir, 'store.db');
  (await runIngest([SAMPLE, 'samples/off-outage/postgresql.log', log], { dbPath: path })).db.close();
  const db = new Database(path);
  const derive = (shaper?: Shaper): number => {
    const session = beginDerive(db, DERIVERS);
    let shaped = 0;
    for (const batch of entryBatches(path, { shaper })) {
      shaped += batch.shapeOf.filter((k) => k >= 0).length;
      session.push(batch);
    }
    session.finish();
    return shaped;
  };
  assert.equal(derive(), 0);
  const byDeriver = dump(db);
  assert.ok((byDeriver.statement_rows?.length ?? 0) > 100);
  const lines = db.prepare(`SELECT kind, message FROM entries WHERE kind IN ('duration', 'statement_logged', 'execute_logged')`).all() as Array<{ kind: string; message: string }>;
  const short = lines.filter((l) => statementLineText(l.kind, l.message) !== null && Buffer.byteLength(l.message) <= 64 * 1024);
  assert.ok(short.length > 100 && short.length < lines.length);
  assert.equal(derive(createShaper()), short.length, 'the reading side shaped the statement lines but the long one');
  assert.deepEqual(dump(db), byDeriver);
  const fingerprints = db
    .prepare(`SELECT DISTINCT v.fingerprint FROM statement_rows r JOIN statement_variants v ON v.id = r.variant_id JOIN entries e ON e.id = r.entry_id WHERE e.pid = 100`)
    .pluck()
    .all();
  assert.equal(fingerprints.length, 1, 'one shape, other literals');
  db.close();
});
