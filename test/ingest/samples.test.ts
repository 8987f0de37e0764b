/**
 * The bundled real-server samples, end to end: every line accounted for, and the
 * stderr, csvlog and jsonlog files of one server run giving the same entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lineAccounting, runIngest } from '../helpers/run-ingest.js';
import type Database from 'better-sqlite3';

const run = await runIngest(['samples']);
const { db } = run;

test('every sample ingests without warnings other than the non-log files (and the prefix changes and ambiguous zone they have)', () => {
  const warnings = db
    .prepare(
      `SELECT path, message FROM warnings WHERE path NOT LIKE '%.md' AND path NOT LIKE '%truth.json'
          AND message NOT LIKE 'log_line_prefix changed on line %' AND message NOT LIKE 'time zone "CST" in timestamps read as %'`,
    )
    .all();
  assert.deepEqual(warnings, []);
  const changes = db.prepare(`SELECT DISTINCT path FROM warnings WHERE message LIKE 'log_line_prefix changed on line %'`).pluck().all();
  assert.deepEqual(changes, ['samples/prefix-change/postgresql.log']);
  // Shanghai's CST, read without --tz as Chicago's: said for each of its files.
  const cst = db.prepare(`SELECT path FROM warnings WHERE message LIKE 'time zone "CST" in timestamps read as %' ORDER BY path`).pluck().all();
  assert.deepEqual(cst, ['samples/timezone/asia-shanghai.csv', 'samples/timezone/asia-shanghai.json', 'samples/timezone/asia-shanghai.log']);
  const unknown = db.prepare(`SELECT path FROM files WHERE format = 'unknown'`).pluck().all() as string[];
  for (const path of unknown) assert.match(path, /(README\.md|TRUTH\.md|truth\.json)$/);
});

test('line accounting: files.lines = sum(entries.line_count) + count(unparsed), for every sample', () => {
  const files = lineAccounting(db);
  assert.ok(files.length >= 60, `only ${files.length} files`);
  for (const f of files) assert.equal(f.covered, f.lines, f.path);
});

test('every reference holds (the writer does not have SQLite check them row by row)', () => {
  assert.deepEqual(db.pragma('foreign_key_check'), []);
});

test('log files leave nothing unparsed', () => {
  const rows = db.prepare(`SELECT f.path, count(*) AS n FROM unparsed u JOIN files f ON f.id = u.file_id WHERE f.format <> 'unknown' GROUP BY f.path`).all();
  assert.deepEqual(rows, []);
});

test('inferred prefixes match the ones the samples were produced with', () => {
  const readme = readFileSync('samples/prefixes/README.md', 'utf8');
  const table = [...readme.matchAll(/^\| `(\d\d-[\w-]+\.log)` \| `'(.*)'` \|/gm)].map((m) => [m[1]!, m[2]!] as const);
  assert.equal(table.length, 9);
  for (const [file, prefix] of table) {
    const row = db.prepare(`SELECT prefix, prefix_source FROM files WHERE path = ?`).get(`samples/prefixes/${file}`) as { prefix: string; prefix_source: string };
    assert.equal(row.prefix_source, 'inferred');
    assert.equal(row.prefix, prefix, file);
  }
});

const MESSAGE_COLUMNS = 'ts, pid, severity, message, detail, hint, context, statement';
/**
 * run-main's prefix prints the session fields csvlog and jsonlog have, after %q: background
 * processes print none of them in stderr (csv/json still do), so they are compared where
 * stderr has them. (session_line is not comparable: stderr's %l counts every line of an entry.)
 */
const SESSION_COLUMNS = ['user_name', 'database_name', 'application_name', 'session_id', 'xid'] as const;

function entriesOf(database: Database.Database, path: string, columns = MESSAGE_COLUMNS): unknown[] {
  return database.prepare(`SELECT ${columns} FROM entries WHERE file_id = (SELECT id FROM files WHERE path = ?) ORDER BY id`).all(path);
}

test('stderr, csvlog and jsonlog of the same run give the same entries', () => {
  const stems = db
    .prepare(`SELECT DISTINCT substr(path, 1, length(path) - 4) FROM files WHERE path LIKE 'samples/run-main/%.csv' OR path LIKE 'samples/timezone/%.csv'`)
    .pluck()
    .all() as string[];
  assert.ok(stems.length >= 14, `${stems.length} runs`);
  for (const stem of stems) {
    const full = stem.includes('run-main');
    // etc-gmt-3's prefix has %t, which PostgreSQL reads from the clock again (time(NULL)) rather
    // than from the entry's own timestamp: it can be a second off log_time. Times are checked below.
    const messageColumns = stem.endsWith('etc-gmt-3') ? MESSAGE_COLUMNS.replace('ts,', '') : MESSAGE_COLUMNS;
    const columns = full ? `${messageColumns}, ${SESSION_COLUMNS.join(', ')}` : messageColumns;
    const stderr = entriesOf(db, `${stem}.log`, columns) as Array<Record<string, unknown>>;
    assert.ok(stderr.length > 0, stem);
    for (const other of [`${stem}.csv`, `${stem}.json`]) {
      const rows = entriesOf(db, other, columns) as Array<Record<string, unknown>>;
      assert.equal(rows.length, stderr.length, other);
      if (full) {
        // Match each row to its stderr twin by message columns; where stderr's prefix stopped at %q, ignore session columns.
        const background = new Map<string, number>();
        const messageKey = (r: Record<string, unknown>) => JSON.stringify([r.ts, r.pid, r.severity, r.message]);
        for (const r of stderr) if (r.session_id === null) background.set(messageKey(r), (background.get(messageKey(r)) ?? 0) + 1);
        for (const row of rows) {
          const n = background.get(messageKey(row)) ?? 0;
          if (n === 0) continue;
          background.set(messageKey(row), n - 1);
          for (const c of SESSION_COLUMNS) row[c] = null;
        }
      }
      // Each backend writes its stderr, csv and json lines separately, so entries of
      // different backends within the same millisecond may come in another order.
      const sorted = (list: unknown[]) => list.map((r) => JSON.stringify(r)).sort();
      assert.deepEqual(sorted(rows), sorted(stderr), other);
    }
  }
});

test('syslog in every header style gives the same entries (BSD headers to the second: they have no fraction)', () => {
  const columns = `substr(ts, 1, 19) AS second, pid, severity, message, detail, hint, context, statement, user_name, database_name, application_name`;
  const a = entriesOf(db, 'samples/syslog/postgresql.log', columns);
  const b = entriesOf(db, 'samples/syslog/postgresql-rfc3339.log', columns);
  assert.ok(a.length > 50);
  assert.deepEqual(b, a);
  const precise = `ts, line_start, line_count, ${columns}`;
  assert.deepEqual(entriesOf(db, 'samples/syslog/postgresql-rfc5424.log', precise), entriesOf(db, 'samples/syslog/postgresql-rfc3339.log', precise));
});

test('archives: every member is its own input with an archive!/member path', () => {
  const members = db.prepare(`SELECT path FROM files WHERE path LIKE 'samples/archive/%' AND format = 'stderr' ORDER BY path`).pluck().all() as string[];
  assert.ok(members.some((p) => /rotated\.tar\.gz!\/pg_log\/postgresql-.*\.log$/.test(p)), members.join());
  assert.ok(members.some((p) => p.endsWith('.zip!/' + p.split('!/')[1]) && p.includes('.zip!/')));
  assert.ok(members.some((p) => p.endsWith('.log.gz')));
  assert.ok(members.some((p) => p.endsWith('.log.bz2')));
  const truth = JSON.parse(readFileSync('samples/archive/truth.json', 'utf8')) as unknown;
  assert.ok(truth);
});

test('timestamps printed in CET and +03 are stored in UTC', () => {
  const plusThree = db
    .prepare(
      `SELECT max(abs(julianday(l.ts) - julianday(c.ts))) * 86400 FROM entries l JOIN entries c
         ON c.file_id = (SELECT id FROM files WHERE path = 'samples/timezone/etc-gmt-3.csv') AND c.pid = l.pid AND c.message = l.message
       WHERE l.file_id = (SELECT id FROM files WHERE path = 'samples/timezone/etc-gmt-3.log')`,
    )
    .pluck()
    .get() as number;
  assert.ok(plusThree < 2, `+03 stderr times within a second of csv times (${plusThree} s)`);
  const truth = JSON.parse(readFileSync('samples/timezone/truth.json', 'utf8')) as Record<string, unknown>;
  assert.ok(truth);
  const paris = db.prepare(`SELECT min(ts) FROM entries WHERE file_id = (SELECT id FROM files WHERE path = 'samples/timezone/europe-paris.log')`).pluck().get() as string;
  const parisCsv = db.prepare(`SELECT min(ts) FROM entries WHERE file_id = (SELECT id FROM files WHERE path = 'samples/timezone/europe-paris.csv')`).pluck().get() as string;
  assert.match(paris, /Z$/);
  assert.equal(paris, parisCsv);
});
