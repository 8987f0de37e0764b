import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const GOOD = [
  '2026-11-26 16:40:00.123 UTC [1234] app@shop LOG:  connection authorized: user=app database=shop application_name=puma',
  '2026-11-26 16:40:01.000 UTC [1234] app@shop ERROR:  relation "nope" does not exist at character 15',
  '2026-11-26 16:40:01.000 UTC [1234] app@shop STATEMENT:  select * from nope;',
  '2026-11-26 16:40:02.000 UTC [812] LOG:  checkpoint starting: time',
].join('\n') + '\n';

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('bad inputs each get a located one-line message and the good input is still stored', async () => {
  const dir = tempDir();
  const good = write(dir, 'good.log', GOOD);
  const binary = write(dir, 'junk.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const truncated = write(dir, 'cut.log.gz', gzipSync(Buffer.from(GOOD.repeat(200))).subarray(0, 300));
  const empty = write(dir, 'empty.log', '');
  const unknown = write(dir, 'notes.txt', 'shopping list\nmilk\neggs\n');
  const invalidUtf8 = write(dir, 'latin1.log', Buffer.concat([Buffer.from(GOOD.split('\n')[0]! + ' caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  const crlf = write(dir, 'crlf.log', GOOD.replace(/\n/g, '\r\n'));
  const { summary, stderr, db } = await runIngest([good, binary, truncated, empty, unknown, invalidUtf8, crlf, join(dir, 'missing.log')]);

  const lines = stderr.trim().split('\n');
  for (const line of lines) assert.doesNotMatch(line, /^\s+at /, 'no stack trace');
  const about = (file: string) => lines.filter((l) => l.includes(file));
  assert.match(about('junk.bin').join(), /binary/);
  assert.match(about('cut.log.gz').join(), /cut\.log\.gz/);
  assert.match(about('notes.txt').join(), /not (a PostgreSQL log|PostgreSQL logs)/);
  assert.match(about('latin1.log').join(), /latin1\.log:1: .*UTF-8/);
  assert.match(about('missing.log').join(), /missing\.log/);
  assert.ok(summary.failed > 0, 'failures are counted for the exit code');

  const stored = db.prepare('SELECT path, format, status, lines FROM files ORDER BY path').all() as Array<{ path: string; format: string; status: string; lines: number }>;
  const byName = new Map(stored.map((f) => [f.path.split('/').pop(), f]));
  assert.equal(byName.get('good.log')?.status, 'complete');
  assert.equal(byName.get('crlf.log')?.status, 'complete');
  assert.equal(byName.get('junk.bin'), undefined);
  assert.equal(byName.get('cut.log.gz')?.status, 'partial');
  assert.equal(byName.get('empty.log')?.lines, 0);
  assert.equal(byName.get('notes.txt')?.format, 'unknown');
  for (const f of lineAccounting(db)) assert.equal(f.covered, f.lines, f.path);
  const unknownRows = db.prepare(`SELECT count(*) FROM unparsed WHERE reason = 'unknown-format'`).pluck().get();
  assert.equal(unknownRows, 3);
  const cafe = db.prepare(`SELECT message FROM entries e JOIN files f ON f.id = e.file_id WHERE f.path LIKE '%latin1.log'`).pluck().get() as string;
  assert.match(cafe, /caf\uFFFD$/);
});

test('CRLF line endings give the same entries as LF', async () => {
  const dir = tempDir();
  const lf = await runIngest([write(dir, 'lf.log', GOOD)]);
  const crlf = await runIngest([write(dir, 'crlf.log', GOOD.replace(/\n/g, '\r\n'))]);
  const rows = (r: typeof lf) => r.db.prepare('SELECT ts, pid, severity, message, statement, line_start, line_count FROM entries ORDER BY id').all();
  assert.deepEqual(rows(crlf), rows(lf));
  assert.equal(rows(lf).length, 3);
});

for (const sample of ['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/01-deadlock-2proc.csv', 'samples/run-main/01-deadlock-2proc.json']) {
  test(`blank lines in ${sample.split('.').pop()} are kept as unparsed lines, quietly, and change no entry`, async () => {
    const dir = tempDir();
    const lines = readFileSync(sample, 'utf8').split('\n');
    // A blank first line, two in a row mid-file, one before the last record.
    const blanked = ['', ...lines.slice(0, 5), '', '', ...lines.slice(5, -2), '', ...lines.slice(-2)].join('\n');
    const name = sample.split('/').pop()!;
    const plain = await runIngest([sample]);
    const edited = await runIngest([write(dir, name, blanked)]);
    for (const f of lineAccounting(edited.db)) assert.equal(f.covered, f.lines, f.path);
    const entries = (r: typeof plain) => r.db.prepare('SELECT ts, pid, severity, message, detail, statement FROM entries ORDER BY id').all();
    assert.deepEqual(entries(edited), entries(plain));
    const blanks = edited.db.prepare(`SELECT line FROM unparsed WHERE text = '' ORDER BY line`).pluck().all();
    assert.deepEqual(blanks, [1, 7, 8, lines.length + 2]);
    assert.equal(edited.summary.warnings, plain.summary.warnings, 'no warning about them');
  });
}

test('zero-filled holes (a crash while the log was written) are removed with a warning, and the lines after them parse', async () => {
  const dir = tempDir();
  const lines = readFileSync('samples/run-main/09-crash-recovery.log', 'utf8').split('\n').slice(0, -1);
  const hole = (n: number) => '\u0000'.repeat(n);
  // One hole in the first 8 KiB that format detection reads, before a line; one before the last line; one at the end.
  const holed = [...lines.slice(0, 3), hole(4096) + lines[3]!, ...lines.slice(4, -1), hole(512) + lines.at(-1)!, hole(1000)].join('\n');
  const { stderr, summary, db } = await runIngest([write(dir, 'postgresql.log', holed)]);
  const plain = await runIngest(['samples/run-main/09-crash-recovery.log']);
  const entries = (d: typeof db) => d.prepare('SELECT ts, pid, severity, message, line_start, line_count FROM entries ORDER BY id').all();
  assert.deepEqual(entries(db), entries(plain.db), 'the same entries, at the same lines');
  assert.deepEqual(db.prepare('SELECT line, text FROM unparsed').all(), [{ line: lines.length + 1, text: '' }]);
  for (const f of lineAccounting(db)) assert.equal(f.covered, f.lines, f.path);
  assert.equal(summary.failed, 0);
  assert.match(stderr, /postgresql\.log:4: line 4 and 2 more start with 5608 NUL bytes \(a zero-filled hole, as a crash leaves in a log being written\); removed/);
});

test('a NUL in the first line still makes a file binary', async () => {
  const dir = tempDir();
  const sqlite = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4000), Buffer.from(`\n${GOOD}`)]);
  const { stderr, summary } = await runIngest([write(dir, 'store.db', sqlite)]);
  assert.match(stderr, /store\.db: binary data, not a text log; skipped/);
  assert.equal(summary.entries, 0);
});

test('a single 50 MB line is stored whole, with a warning naming the file and line', async () => {
  const dir = tempDir();
  const huge = `2026-11-26 16:40:00.123 UTC [1] app@shop LOG:  duration: 1.000 ms  statement: SELECT '${'x'.repeat(50_000_000)}'`;
  const path = write(dir, 'huge.log', `${GOOD}${huge}\n`);
  const { stderr, db } = await runIngest([path]);
  assert.match(stderr, /huge\.log:5: line 5 is 47\.7 MiB long; kept whole/);
  const length = db.prepare(`SELECT length(message) FROM entries WHERE pid = 1`).pluck().get() as number;
  assert.ok(length > 50_000_000);
});

test('a wrong --prefix is an error with a suggestion, not an empty store', async () => {
  const dir = tempDir();
  const { stderr, summary, db } = await runIngest([write(dir, 'x.log', GOOD)], { prefix: '%t [%p]: [%l-1] ' });
  assert.equal(summary.failed, 1);
  assert.match(stderr, /x\.log: --prefix '%t \[%p\]: \[%l-1\] ' matches 0 of the first 4 log lines\. They look like '%m \[%p\] %q%u@%d '/);
  assert.equal(db.prepare('SELECT count(*) FROM entries').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM files').pluck().get(), 0);
});

test('an inferred prefix that reads few of the lines, or none, is said, with the file and the way out', async () => {
  const dir = tempDir();
  const lines = readFileSync('samples/run-main/03-lock-waits.log', 'utf8').split('\n').slice(0, -1);
  // Each line behind a number of no known kind: no prefix reads any (a template that
  // took the numbers for fields would read the pid as a line number, and the real line
  // number as well).
  const noisy = lines.map((l, i) => `${(i * 7919) % 997}.${i} ${l}`);
  // Two lines in three so: the server's own prefix reads the third.
  const mixed = lines.map((l, i) => (i % 3 === 0 ? l : noisy[i]!));
  const { stderr, summary, db } = await runIngest([write(dir, 'noisy.log', `${noisy.join('\n')}\n`), write(dir, 'mixed.log', `${mixed.join('\n')}\n`)]);
  const warnings = (file: string) => stderr.split('\n').filter((l) => l.includes(file) && l.includes('inferred'));
  assert.equal(warnings('noisy.log').length, 1, stderr);
  assert.match(warnings('noisy.log')[0]!, /^warning: .*noisy\.log: no log_line_prefix could be inferred: none reads any of the first 135 lines that carry a level .* kept as unparsed lines; .* give it with --prefix$/);
  assert.equal(warnings('mixed.log').length, 1, stderr);
  assert.match(warnings('mixed.log')[0]!, /^warning: .*mixed\.log: the log_line_prefix inferred, '%m \[%p\] .*', reads only \d+ of the first 135 lines that carry a level .* give it with --prefix$/);
  assert.equal(summary.warnings, 2);
  for (const f of lineAccounting(db)) assert.equal(f.covered, f.lines);
  // The same lines as the server wrote them: no warning.
  const plain = await runIngest(['samples/run-main/03-lock-waits.log']);
  assert.equal(plain.summary.warnings, 0, plain.stderr);
});

const DEADLOCK_LOG = 'samples/run-main/01-deadlock-2proc.log';

/** A store holding the deadlock sample's first 100 lines as `name`, in a folder of its own; and the whole sample's text. */
async function storedBeginning(name: string): Promise<{ dir: string; dbPath: string; path: string; whole: string }> {
  const dir = tempDir();
  const dbPath = join(dir, 'store.db');
  const lines = readFileSync(DEADLOCK_LOG, 'utf8').split('\n').slice(0, -1);
  const path = write(dir, name, `${lines.slice(0, 100).join('\n')}\n`);
  (await runIngest([path], { dbPath })).db.close();
  return { dir, dbPath, path, whole: `${lines.join('\n')}\n` };
}

/** What a store holds, by table, to compare with the deadlock sample stored alone. */
function tableCounts(db: Awaited<ReturnType<typeof runIngest>>['db']): Record<string, unknown> {
  return Object.fromEntries(['files', 'entries', 'deadlocks', 'lock_waits'].map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));
}

test('a log that grew since it was stored replaces its stored copy instead of being stored twice', async () => {
  const { dbPath, path, whole } = await storedBeginning('postgresql.log');
  writeFileSync(path, whole);
  const grown = await runIngest([path], { dbPath });
  assert.match(grown.stderr, /replaced: .*postgresql\.log: .*postgresql\.log is the same log grown/);
  assert.deepEqual(grown.summary.results[0]!.grownFrom, [path]);
  assert.deepEqual(tableCounts(grown.db), tableCounts((await runIngest([DEADLOCK_LOG])).db));
  for (const f of lineAccounting(grown.db)) assert.equal(f.covered, f.lines);
  grown.db.close();
  // A file of the same name whose content is not the stored one's continuation is another log: both stay.
  const other = write(tempDir(), 'postgresql.log', whole.slice(whole.indexOf('\n') + 1));
  const both = await runIngest([other], { dbPath });
  assert.doesNotMatch(both.stderr, /replaced:/);
  assert.equal(tableCounts(both.db).files, 2);
});

test('a log rotated since it was stored (renamed .1 and compressed by logrotate) replaces the part stored while it was live', async () => {
  const { dir, dbPath, path, whole } = await storedBeginning('postgresql-15-main.log');
  const rotated = write(dir, 'postgresql-15-main.log.1.gz', gzipSync(Buffer.from(whole)));
  const after = await runIngest([rotated], { dbPath });
  assert.deepEqual(after.summary.results[0]!.grownFrom, [path]);
  assert.deepEqual(tableCounts(after.db), tableCounts((await runIngest([DEADLOCK_LOG])).db));
});

test('re-ingesting the same content is skipped; --force replaces it', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'store.db');
  const a = write(dir, 'a.log', GOOD);
  const b = write(dir, 'copy-of-a.log', GOOD);
  await runIngest([a], { dbPath });
  const again = await runIngest([a, b], { dbPath });
  assert.equal(again.summary.skipped, 2);
  assert.match(again.stderr, /skipped: .*copy-of-a\.log: same content as .*a\.log/);
  assert.equal(again.db.prepare('SELECT count(*) FROM entries').pluck().get(), 3);
  const forced = await runIngest([b], { dbPath, force: true });
  assert.equal(forced.db.prepare('SELECT count(*) FROM entries').pluck().get(), 3);
  assert.deepEqual(forced.db.prepare('SELECT path FROM files').pluck().all(), [b]);
  assert.deepEqual(forced.db.pragma('foreign_key_check'), []);
});

test('stdin', async () => {
  const { db, summary } = await runIngest(['-'], { stdin: GOOD });
  assert.equal(summary.entries, 3);
  assert.equal(db.prepare('SELECT path FROM files').pluck().get(), '<stdin>');
});

test('--force re-ingest of files that mirror each other (stderr/csv/json of one run)', async () => {
  const dbPath = join(tempDir(), 'store.db');
  const trio = ['log', 'csv', 'json'].map((ext) => `samples/run-main/02-deadlock-3proc.${ext}`);
  await runIngest(trio, { dbPath });
  const again = await runIngest(trio, { dbPath, force: true });
  assert.equal(again.summary.failed, 0);
  assert.equal(again.db.prepare('SELECT count(*) FROM files WHERE mirror_of IS NOT NULL').pluck().get(), 2);
  assert.equal(again.db.prepare('SELECT count(*) FROM deadlocks').pluck().get(), 1);
  assert.deepEqual(again.db.pragma('foreign_key_check'), []);
});
