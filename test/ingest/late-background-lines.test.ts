/**
 * A log whose first lines all come from client backends (a file rotated in the middle
 * of a busy day) still has its background processes' lines parsed further on: the
 * shutdown, the checkpoints. Real lines: the end of the pgbench sample.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

test('the background lines after 1000 client lines are entries, not unparsed lines', async () => {
  const lines = gunzipSync(readFileSync('samples/bench-seed/pgbench.log.gz')).toString('utf8').split('\n').slice(0, -1);
  const tail = lines.slice(-1007);
  assert.ok(tail.slice(0, 1000).every((l) => l.includes(' app@bench LOG:  ')), 'the first 1000 lines are client lines');
  const path = join(tempDir(), 'postgresql-15-main.log.1');
  writeFileSync(path, `${tail.join('\n')}\n`);
  const run = await runIngest([path]);
  assert.equal(run.summary.unparsed, 0);
  assert.equal(run.db.prepare('SELECT prefix FROM files').pluck().get(), '%m [%p] %q%u@%d ');
  const shutdown = run.db.prepare(`SELECT pid, message FROM entries WHERE user_name IS NULL ORDER BY id`).all() as Array<{ pid: number; message: string }>;
  assert.equal(shutdown.length, 7);
  assert.equal(shutdown.filter((e) => e.message.startsWith('checkpoint')).length, 2);
  assert.equal(shutdown[0]!.message, 'received fast shutdown request');
});
