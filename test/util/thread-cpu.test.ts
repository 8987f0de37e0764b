/**
 * Each thread's CPU time per stage of an ingest: what tells which thread bounds a
 * stage (the bench prints it). The figures are never compared with a budget; what
 * is checked is that they are there, and sane.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { ingestCommand } from '../../src/commands/ingest.js';
import { threadCpuSeconds } from '../../src/util/cpu-seconds.js';
import { tempDir } from '../helpers/run-ingest.js';

const linux = process.platform === 'linux';

test('threadCpuSeconds: this thread\'s CPU seconds, never going back (NaN off Linux)', () => {
  const before = threadCpuSeconds();
  let x = 0;
  for (let i = 0; i < 5e6; i++) x += i % 7;
  const after = threadCpuSeconds();
  assert.ok(x > 0);
  if (!linux) return assert.ok(Number.isNaN(before));
  assert.ok(Number.isFinite(before) && before >= 0, String(before));
  assert.ok(after >= before, `${after} < ${before}`);
});

test('ingest --json gives each thread\'s CPU seconds for each stage', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await ingestCommand(['samples/off-outage/postgresql.log'], { db: join(tempDir(), 'store.db'), format: 'auto', quiet: true, json: true, force: false }, {
    stdout: out,
    stderr: new PassThrough(),
    stdin: Readable.from([]),
  });
  const { timings } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timings: Record<string, Record<string, number | null>> };
  for (const thread of ['ingest_thread', 'writer_thread']) {
    for (const stage of ['ingest_s', 'index_s', 'derive_s']) {
      const v = timings[thread]?.[stage];
      if (linux) assert.ok(typeof v === 'number' && v >= 0, `${thread}.${stage} = ${v}`);
      else assert.equal(v, null, `${thread}.${stage}`);
    }
  }
  // The derive pass works on the writer thread: it cannot have spent nothing there.
  if (linux) assert.ok(timings.writer_thread!.derive_s! > 0);
});
