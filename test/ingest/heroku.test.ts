/**
 * Heroku Postgres's log as Heroku hands it over: `heroku logs -p postgres` output and an
 * HTTPS drain's frames (samples/heroku, written by rsyslog from a real server's syslog
 * with Heroku's log_line_prefix), and the other sources Heroku mixes into the stream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const DIR = 'samples/heroku';
const FILES = ['heroku-logs.log', 'heroku-drain.log', 'postgresql-rfc3339.log'] as const;
const truth = JSON.parse(readFileSync(`${DIR}/truth.json`, 'utf8')) as {
  log_line_prefix: string;
  workload: { division_by_zero_pid: number; deadlock: { pids: number[]; victim_pid: number } };
};
const lines = (name: string): string[] => readFileSync(`${DIR}/${name}`, 'utf8').split('\n').slice(0, -1);

const COLUMNS = `ts, pid, severity, sqlstate, message, detail, hint, context, statement, user_name, database_name,
  application_name, client, session_id, session_line, session_start, vxid, line_start, line_count`;
const entriesOf = (db: Database.Database, path: string): unknown[] =>
  db.prepare(`SELECT ${COLUMNS} FROM entries WHERE file_id = (SELECT id FROM files WHERE path = ?) ORDER BY id`).all(path);

const run = await runIngest(FILES.map((f) => join(DIR, f)));
const { db } = run;

test('Heroku: each shape is read as syslog with the prefix the server had, every line in an entry', () => {
  const files = db.prepare(`SELECT path, format, prefix FROM files ORDER BY path`).all() as Array<{ path: string; format: string; prefix: string }>;
  assert.equal(files.length, 3);
  for (const f of files) assert.deepEqual([f.format, f.prefix], ['syslog', truth.log_line_prefix], f.path);
  for (const f of lineAccounting(db)) assert.equal(f.covered, f.lines, f.path);
  assert.equal(db.prepare('SELECT count(*) FROM unparsed').pluck().get(), 0);
});

test('Heroku: the `heroku logs` lines and the drain frames give the entries rsyslog itself wrote', () => {
  const reference = entriesOf(db, `${DIR}/postgresql-rfc3339.log`);
  assert.ok(reference.length > 60);
  assert.deepEqual(entriesOf(db, `${DIR}/heroku-logs.log`), reference);
  assert.deepEqual(entriesOf(db, `${DIR}/heroku-drain.log`), reference);
  // The same server's lines three times: counted once.
  assert.equal(db.prepare('SELECT count(*) FROM files WHERE mirror_of IS NOT NULL').pluck().get(), 2);
});

test("Heroku: the pieces of a long statement are joined, its TABs kept (Heroku does not escape them)", () => {
  const long = db.prepare(`SELECT message FROM entries WHERE length(message) > 2000 LIMIT 1`).pluck().get() as string | undefined;
  assert.ok(long, 'the long report statement');
  assert.match(long, /\n\t/);
  assert.ok(!long.includes('#011'));
});

test('Heroku: the deadlock and the failing job are found, with their real pids', () => {
  const w = truth.workload;
  assert.equal(db.prepare(`SELECT pid FROM entries WHERE message = 'division by zero' LIMIT 1`).pluck().get(), w.division_by_zero_pid);
  const deadlocks = db.prepare(`SELECT victim_pid FROM deadlocks`).pluck().all();
  assert.deepEqual(deadlocks, [w.deadlock.victim_pid]);
  const pids = db.prepare(`SELECT pid FROM deadlock_participants ORDER BY pid`).pluck().all();
  assert.deepEqual(pids, [...w.deadlock.pids].sort((a, b) => a - b));
});

/** Lines of Heroku's other sources, as `heroku logs` (without -p postgres) mixes them in. */
const OTHERS = [
  '2026-11-28T17:30:01.476419+00:00 app[web.1]: I, [2026-11-28T17:30:01.476293 #3]  INFO -- : [46add18f-75b9-4dcf-9943-782082f3407e] Started GET "/shop" for 10.1.2.3',
  '2026-11-28T17:30:01.000000+00:00 app[heroku-postgres]: source=DATABASE addon=postgresql-curved-12345 sample#current_transaction=771 sample#db_size=9437807bytes sample#tables=4 sample#active-connections=7 sample#waiting-connections=1',
  '2026-11-28T17:30:02.075156+00:00 heroku[router]: at=info method=GET path="/shop" host=shop.example.com request_id=46add18f fwd="10.1.2.3" dyno=web.1 connect=0ms service=812ms status=200 bytes=1024 protocol=https',
  '2026-11-28T17:30:02.100000+00:00 app[worker.1]: [12] delayed_job: Job ProcessOrder (id=7) RUNNING',
];

test("Heroku: the other sources' lines are kept as unparsed, and change no PostgreSQL entry", async () => {
  const sample = lines('heroku-logs.log');
  // Between the pieces of multi-line messages too: after each line that a piece follows.
  const mixed: string[] = [];
  sample.forEach((line, i) => {
    mixed.push(line);
    if (i % 9 === 4) mixed.push(OTHERS[i % OTHERS.length]!);
  });
  const dir = tempDir();
  const path = join(dir, 'heroku.log');
  writeFileSync(path, `${mixed.join('\n')}\n`);
  const mixedRun = await runIngest([path]);
  const stripped = (d: Database.Database, p: string) =>
    (entriesOf(d, p) as Array<Record<string, unknown>>).map(({ line_start: _s, line_count: _c, ...rest }) => rest);
  assert.deepEqual(stripped(mixedRun.db, path), stripped(db, `${DIR}/heroku-logs.log`));
  const unparsed = mixedRun.db.prepare('SELECT text FROM unparsed ORDER BY line').pluck().all() as string[];
  assert.equal(unparsed.length, mixed.length - sample.length);
  for (const text of unparsed) assert.ok(OTHERS.includes(text), text);
  for (const f of lineAccounting(mixedRun.db)) assert.equal(f.covered, f.lines);
  mixedRun.db.close();
});

test("Heroku: the older prefix (' sql_error_code = %e '): times from Heroku's header, pids from the dyno", async () => {
  // The sample with the newer prefix's fields taken out, as older databases print it.
  const older = lines('heroku-logs.log').map((l) => l.replace(/ time_ms = "[^"]*" pid=.*? application_name="[^"]*"/, ''));
  assert.match(older[0]!, /^\S+ app\[postgres\.\d+\]: \[DATABASE\] \[1-1\]  sql_error_code = 00000 LOG:  /);
  const dir = tempDir();
  const path = join(dir, 'heroku-old.log');
  writeFileSync(path, `${older.join('\n')}\n`);
  const oldRun = await runIngest([path]);
  assert.equal(oldRun.db.prepare('SELECT prefix FROM files').pluck().get(), ' sql_error_code = %e ');
  const seconds = `substr(ts, 1, 19) AS second, pid, severity, message, detail, statement`;
  const of = (d: Database.Database, p: string) =>
    d.prepare(`SELECT ${seconds} FROM entries WHERE file_id = (SELECT id FROM files WHERE path = ?) ORDER BY id`).all(p);
  assert.deepEqual(of(oldRun.db, path), of(db, `${DIR}/heroku-logs.log`));
  for (const f of lineAccounting(oldRun.db)) assert.equal(f.covered, f.lines);
  oldRun.db.close();
});
