/**
 * The ingest progress line: drawn on a terminal (bytes and entries while reading,
 * then indexing and the derive pass with its share done), silent otherwise and
 * with --quiet, and never mixed into what stdout prints.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ingestCommand } from '../../src/commands/ingest.js';
import { createProgress } from '../../src/util/progress.js';
import { tempDir } from '../helpers/run-ingest.js';

function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 }) as unknown as NodeJS.WriteStream;
  const chunks: Buffer[] = [];
  (stream as unknown as PassThrough).on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function ingest(isTTY: boolean, quiet: boolean): Promise<{ stdout: string; stderr: string }> {
  const out = terminal(false);
  const err = terminal(isTTY);
  await ingestCommand(['samples/off-outage/postgresql.log'], { db: join(tempDir(), 'store.db'), format: 'auto', quiet, json: false, force: false }, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([]),
  });
  return { stdout: out.text(), stderr: err.text() };
}

test('on a terminal: the reading, indexing and deriving stages, each redrawn in place', async () => {
  const { stdout, stderr } = await ingest(true, false);
  assert.match(stderr, /\[#+\.*\] +\d+% .*entries/);
  assert.match(stderr, /\rindexing…/);
  assert.match(stderr, /\[#+\.*\] +\d+% deriving events: \d+ of 4784 entries…/);
  assert.ok(stderr.endsWith('\r'), 'the line is cleared at the end');
  assert.doesNotMatch(stdout, /\r|deriving/);
});

test('not a terminal, or --quiet: no progress at all', async () => {
  for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
    const { stderr } = await ingest(isTTY, quiet);
    assert.doesNotMatch(stderr, /\r|entries\/s|deriving/, `isTTY=${isTTY} quiet=${quiet}`);
  }
});

test('a stage without a total draws its name alone; the line never outgrows the terminal', () => {
  const t = terminal(true);
  const p = createProgress(t.stream, 0);
  p.stage('indexing', 0, 0);
  p.stage('deriving x:', 1_234_567, 2_469_134);
  const lines = t.text().split('\r').filter((l) => l.trim() !== '');
  assert.deepEqual(lines.map((l) => l.trimEnd()), ['indexing…', '[##########..........]  50% deriving x: 1.2M of 2.5M entries…']);
  for (const l of t.text().split('\r')) assert.ok(l.length <= 99, `${l.length} columns`);
});
