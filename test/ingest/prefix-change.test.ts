/**
 * log_line_prefix changed by a reload mid-log: the server announces it, in a line that
 * already has the new prefix, and backends take it at their next command. The lines
 * are read with the prefix they have, before and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createStderrParser } from '../../src/parse/stderr-parser.js';
import { compilePrefix } from '../../src/parse/prefix-pattern.js';
import { createTimestampConverter } from '../../src/parse/timestamp.js';
import type { LogEntry } from '../../src/parse/log-entry.js';
import { lineAccounting, runIngest } from '../helpers/run-ingest.js';

const LOG = 'samples/prefix-change/postgresql.log';
const CSV = 'samples/prefix-change/postgresql.csv';
interface Workload {
  division_by_zero_pid: number;
  deadlock: { victim_pid: number };
}
const truth = JSON.parse(readFileSync('samples/prefix-change/truth.json', 'utf8')) as {
  prefixes: string[];
  before_change: Workload;
  after_change: Workload;
};

const run = await runIngest([LOG, CSV]);
const { db } = run;
const fileId = (path: string): number => db.prepare('SELECT id FROM files WHERE path = ?').pluck().get(path) as number;
const rows = (path: string, columns: string, where = 'TRUE'): unknown[] =>
  db.prepare(`SELECT ${columns} FROM entries WHERE file_id = ? AND ${where} ORDER BY ts, pid, message`).all(fileId(path));

test('a reload that changes log_line_prefix, and one that changes it back: every line read, with a warning at each', () => {
  assert.equal(db.prepare('SELECT prefix FROM files WHERE path = ?').pluck().get(LOG), truth.prefixes[0]);
  for (const f of lineAccounting(db)) assert.equal(f.covered, f.lines, f.path);
  assert.equal(db.prepare('SELECT count(*) FROM unparsed').pluck().get(), 0);
  const warnings = db.prepare('SELECT line, message FROM warnings WHERE path = ? ORDER BY line').all(LOG) as Array<{ line: number; message: string }>;
  assert.deepEqual(
    warnings.map((w) => w.message),
    truth.prefixes.slice(1).map((p, i) => `log_line_prefix changed on line ${warnings[i]!.line}, to '${p}': the lines after it are read with it`),
  );
  const lines = readFileSync(LOG, 'utf8').split('\n');
  for (const w of warnings) assert.match(lines[w.line - 1]!, /parameter "log_line_prefix" changed to/);
});

test('the stderr entries are the csvlog ones; under the richer prefix, with their user, database and application', () => {
  const common = 'ts, pid, severity, message, detail, hint, context, statement';
  assert.deepEqual(rows(LOG, common), rows(CSV, common));
  const [from, to] = (db.prepare('SELECT line FROM warnings WHERE path = ? ORDER BY line').pluck().all(LOG) as number[]).map(Number);
  const between = rows(LOG, `${common}, user_name, database_name, application_name`, `line_start > ${from} AND line_start < ${to}`);
  assert.ok(between.length > 40, `${between.length} entries under the second prefix`);
  const times = (between as Array<{ ts: string }>).map((e) => `'${e.ts}'`).join(',');
  // The csvlog's columns, for the same entries (session-less processes print them empty).
  const expected = rows(CSV, `${common}, user_name, database_name, coalesce(application_name, '') AS application_name`, `ts IN (${times})`) as Array<Record<string, unknown>>;
  const got = (between as Array<Record<string, unknown>>).map((e) => ({ ...e, application_name: e.application_name ?? '' }));
  assert.deepEqual(got, expected);
});

test('both workloads are found: their failing job, and their deadlock', () => {
  const victims = db.prepare('SELECT victim_pid FROM deadlocks ORDER BY ts').pluck().all();
  assert.deepEqual(victims, [truth.before_change.deadlock.victim_pid, truth.after_change.deadlock.victim_pid]);
  const failing = db.prepare(`SELECT DISTINCT pid FROM entries WHERE message = 'division by zero' AND file_id = ? ORDER BY ts`).pluck().all(fileId(LOG));
  assert.deepEqual(failing, [truth.before_change.division_by_zero_pid, truth.after_change.division_by_zero_pid]);
});

test('--prefix with the prefix the log begins with: the change is followed all the same', async () => {
  const given = await runIngest([LOG], { prefix: truth.prefixes[0]! });
  assert.equal(given.summary.failed, 0);
  assert.equal(given.db.prepare('SELECT count(*) FROM unparsed').pluck().get(), 0);
  assert.equal(given.db.prepare(`SELECT count(*) FROM entries WHERE application_name = 'delayed_job'`).pluck().get() as number > 0, true);
  given.db.close();
});

function parse(prefix: string, lines: string[]): { entries: LogEntry[]; unparsed: number; warnings: string[] } {
  const out = { entries: [] as LogEntry[], unparsed: 0, warnings: [] as string[] };
  const parser = createStderrParser(
    { entry: (e) => out.entries.push(e), unparsed: () => out.unparsed++, warn: (m) => out.warnings.push(m) },
    { pattern: compilePrefix(prefix), time: createTimestampConverter() },
  );
  lines.forEach((line, i) => parser.push(line, i + 1));
  parser.flush();
  return out;
}

test('a new prefix no earlier one reads; a backend not reloaded yet; the default prefix back', () => {
  const { entries, unparsed, warnings } = parse('%m [%p] %q%u@%d ', [
    '2026-11-28 18:09:55.900 UTC [21000] app@shop LOG:  duration: 1.000 ms  statement: SELECT 1',
    '2026-11-28 18:09:56.009 UTC|20885|@|LOG:  parameter "log_line_prefix" changed to "%m|%p|%u@%d|"',
    '2026-11-28 18:09:56.100 UTC|21001|app@shop|LOG:  duration: 2.000 ms  statement: SELECT 2',
    // A backend that has not run a command since the reload still has the old prefix.
    '2026-11-28 18:09:56.200 UTC [21000] app@shop LOG:  duration: 3.000 ms  statement: SELECT 3',
    // Printed once the default is back, as PostgreSQL does.
    '2026-11-28 18:09:57.009 UTC [20885] LOG:  parameter "log_line_prefix" removed from configuration file, reset to default',
    '2026-11-28 18:09:57.100 UTC [21001] LOG:  duration: 4.000 ms  statement: SELECT 4',
  ]);
  assert.equal(unparsed, 0);
  assert.deepEqual(entries.map((e) => [e.pid, e.user_name, e.database_name]), [
    [21000, 'app', 'shop'], [20885, undefined, undefined], [21001, 'app', 'shop'], [21000, 'app', 'shop'], [20885, undefined, undefined], [21001, undefined, undefined],
  ]);
  assert.equal(warnings.length, 2);
});

test('the newer prefix is tried first: an older one would read the application into the database name', () => {
  const { entries } = parse('%m [%p] %q%u@%d ', [
    '2026-11-28 18:09:56.009 UTC [20885] LOG:  parameter "log_line_prefix" changed to "%m [%p] %q%u@%d %a "',
    '2026-11-28 18:09:56.100 UTC [21001] app@shop puma LOG:  duration: 2.000 ms  statement: SELECT 2',
  ]);
  assert.deepEqual(entries.map((e) => [e.database_name, e.application_name]), [[undefined, undefined], ['shop', 'puma']]);
});
