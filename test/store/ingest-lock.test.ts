/**
 * One ingest at a time per store: a second one started while the first runs used to
 * remove the first one's file in progress as "half-ingested", entries and all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { StoreError } from '../../src/store/open-store.js';

const LOG = 'samples/run-main/01-deadlock-2proc.log';

test('an ingest into a store another running ingest holds fails at once, naming it, and leaves the store alone', async () => {
  const dbPath = join(tempDir(), 'store.db');
  (await runIngest([LOG], { dbPath })).db.close();
  assert.equal(existsSync(`${dbPath}.lock`), false, 'the lock goes with the ingest');
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    writeFileSync(`${dbPath}.lock`, `${other.pid}\n`);
    await assert.rejects(
      runIngest(['samples/run-main/02-deadlock-3proc.log'], { dbPath }),
      (err: Error) => err instanceof StoreError && err.message.includes(`another pgautopsy ingest (pid ${other.pid}) is writing this store`),
    );
    assert.equal(existsSync(`${dbPath}.lock`), true, "the other ingest's lock stays");
  } finally {
    const exited = once(other, 'exit');
    other.kill();
    await exited;
  }
  const run = await runIngest([LOG], { dbPath });
  assert.deepEqual(run.db.prepare('SELECT path FROM files').pluck().all(), [LOG]);
});

test('a lock left by an ingest that did not end (its process gone) is taken over', async () => {
  const dbPath = join(tempDir(), 'store.db');
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  writeFileSync(`${dbPath}.lock`, gone.stdout);
  const run = await runIngest([LOG], { dbPath });
  assert.equal(run.summary.files, 1);
  assert.equal(existsSync(`${dbPath}.lock`), false);
});
