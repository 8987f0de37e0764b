/**
 * PostgreSQL in a container: its stderr lines come back from `kubectl logs --timestamps`,
 * from the CRI log files under /var/log/pods, or from Docker's json-file driver, each
 * line in a record of the runtime's. The real server's samples, wrapped so, must give
 * the very entries the plain log gives. Before the envelopes were known, the prefix
 * was inferred from the runtime's timestamp: every entry had pid 2026 (the year).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { cloudNativePgLines, wrapLines, type WrapOptions } from '../helpers/container-wrap.js';
import { copyWithout, lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';
import type { ContainerEnvelope } from '../../src/parse/container-line.js';

const SAMPLES = ['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/03-lock-waits.log', 'samples/run-main/06-slow-statements.log', 'samples/run-main/09-crash-recovery.log'];
const ENVELOPES: ContainerEnvelope[] = ['timestamps', 'cri', 'docker-json'];
/** What an entry says, whatever lines it came from. */
const CONTENT = `ts, pid, severity, sqlstate, message, detail, hint, context, statement, internal_query,
  user_name, database_name, application_name, client, session_id, session_line, xid, kind`;

function content(db: Database.Database): unknown[] {
  return db.prepare(`SELECT ${CONTENT} FROM entries ORDER BY id`).all();
}

function linesOf(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

async function ingestWrapped(sample: string, envelope: ContainerEnvelope, opts: WrapOptions = {}) {
  const path = join(tempDir(), `${envelope}.log`);
  writeFileSync(path, `${wrapLines(linesOf(sample), envelope, opts).join('\n')}\n`);
  return runIngest([path]);
}

for (const sample of SAMPLES) {
  const plain = runIngest([sample]);
  for (const envelope of ENVELOPES) {
    test(`container (${envelope}): ${sample} gives the entries of the plain log, every line counted`, async () => {
      const expected = (await plain).db;
      const run = await ingestWrapped(sample, envelope);
      const file = run.db.prepare('SELECT format, prefix, envelope FROM files').get();
      assert.deepEqual(file, { ...(expected.prepare('SELECT format, prefix FROM files').get() as object), envelope });
      assert.deepEqual(content(run.db), content(expected));
      assert.deepEqual(
        run.db.prepare('SELECT line_start, line_count FROM entries ORDER BY id').all(),
        expected.prepare('SELECT line_start, line_count FROM entries ORDER BY id').all(),
      );
      for (const f of lineAccounting(run.db)) assert.equal(f.covered, f.lines, f.path);
      assert.equal(run.summary.warnings, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`in ${envelope === 'cri' ? 'CRI' : envelope === 'docker-json' ? 'Docker json-file' : 'timestamped'} `));
    });
  }
}

for (const envelope of ['cri', 'docker-json'] as const) {
  test(`container (${envelope}): lines the runtime cut into records, stdout between the pieces, are joined`, async () => {
    const sample = 'samples/run-main/06-slow-statements.log';
    const expected = (await runIngest([sample])).db;
    const run = await ingestWrapped(sample, envelope, { cutAt: 37, stdoutBetweenPieces: true });
    assert.deepEqual(content(run.db), content(expected));
    for (const f of lineAccounting(run.db)) assert.equal(f.covered, f.lines, f.path);
    // The stdout records are the entrypoint's, kept whole as unparsed lines.
    const stdout = run.db.prepare(`SELECT count(*) FROM unparsed WHERE text LIKE '%waiting for the server%'`).pluck().get() as number;
    assert.ok(stdout > 0);
    // An entry of a cut line spans its pieces' physical lines.
    const spans = run.db.prepare('SELECT max(line_count) FROM entries').pluck().get() as number;
    assert.ok(spans > 2, `entries span the records of their pieces (${spans})`);
  });
}

test('container (cri): a cut line whose last piece never came is still read', async () => {
  const dir = tempDir();
  const path = join(dir, 'cut-off.log');
  const line = '2026-11-26 17:01:25.066 UTC [26830] LOG:  duration: 1.000 ms  statement: SELECT 1';
  writeFileSync(path, [`2026-11-26T17:01:25.066000001Z stderr F ${line}`, `2026-11-26T17:01:25.066000002Z stderr P ${line.slice(0, 50)}`, `2026-11-26T17:01:25.066000003Z stderr P ${line.slice(50)}`].join('\n'));
  const run = await runIngest([path]);
  assert.deepEqual(run.db.prepare('SELECT line_start, line_count, message FROM entries ORDER BY id').all(), [
    { line_start: 1, line_count: 1, message: 'duration: 1.000 ms  statement: SELECT 1' },
    { line_start: 2, line_count: 2, message: 'duration: 1.000 ms  statement: SELECT 1' },
  ]);
});

test('container (timestamps): the runtime time stands in when the log_line_prefix prints none', async () => {
  const path = join(tempDir(), 'no-time.log');
  writeFileSync(path, ['2026-11-26T18:01:25.066123456+01:00 [26830] LOG:  checkpoint starting: time', '2026-11-26T17:01:26.5Z [26830] LOG:  checkpoint complete: wrote 3 buffers (0.0%)'].join('\n'));
  const run = await runIngest([path]);
  assert.deepEqual(run.db.prepare('SELECT ts, pid FROM entries ORDER BY id').all(), [
    { ts: '2026-11-26T17:01:25.066Z', pid: 26830 },
    { ts: '2026-11-26T17:01:26.500Z', pid: 26830 },
  ]);
  assert.equal(run.db.prepare('SELECT prefix FROM files').pluck().get(), '[%p] ');
});

test('container: a store written before files.envelope existed gets the column, and takes such files', async () => {
  const dir = tempDir();
  const first = await runIngest(['samples/run-main/02-deadlock-3proc.log'], { dbPath: join(dir, 'new.db') });
  first.db.close();
  copyWithout(join(dir, 'new.db'), join(dir, 'old.db'), 'ALTER TABLE files DROP COLUMN envelope');
  const wrapped = join(dir, 'cri.log');
  writeFileSync(wrapped, `${wrapLines(linesOf('samples/run-main/03-lock-waits.log'), 'cri').join('\n')}\n`);
  const run = await runIngest([wrapped], { dbPath: join(dir, 'old.db') });
  assert.deepEqual(run.db.prepare('SELECT envelope FROM files ORDER BY id').pluck().all(), [null, 'cri']);
});

// CloudNativePG: csvlog records as the operator's JSON lines, plain (`kubectl logs`) or in a runtime's records.
const CSV_SAMPLES = ['samples/run-main/01-deadlock-2proc.csv', 'samples/run-main/03-lock-waits.csv', 'samples/run-main/08-app-errors.csv'];
for (const sample of CSV_SAMPLES) {
  const plain = runIngest([sample]);
  for (const envelope of [undefined, 'timestamps', 'cri'] as const) {
    const stored = envelope === undefined ? 'cloudnative-pg' : `${envelope} cloudnative-pg`;
    test(`CloudNativePG (${stored}): ${sample} gives the entries of the csvlog`, async () => {
      const expected = (await plain).db;
      const lines = cloudNativePgLines(linesOf(sample));
      const path = join(tempDir(), 'cnpg.log');
      writeFileSync(path, `${(envelope === undefined ? lines : wrapLines(lines, envelope)).join('\n')}\n`);
      const run = await runIngest([path]);
      assert.deepEqual(run.db.prepare('SELECT format, envelope FROM files').get(), { format: 'csv', envelope: stored });
      assert.deepEqual(content(run.db), content(expected));
      for (const f of lineAccounting(run.db)) assert.equal(f.covered, f.lines, f.path);
      // The instance manager's own line is kept, unparsed.
      assert.match(run.db.prepare('SELECT text FROM unparsed').pluck().get() as string, /Starting CloudNativePG Instance Manager/);
      assert.equal(run.summary.warnings, 0, run.stderr);
      assert.match(run.stdout, /csv in CloudNativePG's JSON lines/);
    });
  }
}

test('CloudNativePG records without log_time take the operator\'s time, or else the runtime\'s', async () => {
  const sample = 'samples/run-main/03-lock-waits.csv';
  const expected = content((await runIngest([sample])).db);
  let n = 0;
  const untimed = cloudNativePgLines(linesOf(sample)).map((line) => {
    const o = JSON.parse(line) as { ts: unknown; record?: Record<string, string> };
    if (o.record === undefined) return line;
    // The operator's time of the record: RFC 3339 with nanoseconds, or epoch seconds (older versions).
    const ms = Date.parse(o.record.log_time!.replace(' ', 'T').replace(' UTC', 'Z'));
    o.ts = n++ % 2 === 0 ? `${new Date(ms).toISOString().slice(0, -1)}123456Z` : ms / 1000;
    delete o.record.log_time;
    return JSON.stringify(o);
  });
  const dir = tempDir();
  writeFileSync(join(dir, 'cnpg.log'), `${untimed.join('\n')}\n`);
  assert.deepEqual(content((await runIngest([join(dir, 'cnpg.log')])).db), expected);

  const bare = untimed.map((line) => JSON.stringify({ ...(JSON.parse(line) as object), ts: undefined }));
  writeFileSync(join(dir, 'cri.log'), `${wrapLines(bare, 'cri').join('\n')}\n`);
  const run = await runIngest([join(dir, 'cri.log')]);
  assert.deepEqual(run.db.prepare('SELECT DISTINCT ts FROM entries').pluck().all(), ['2026-11-26T17:00:00.000Z']);
});
