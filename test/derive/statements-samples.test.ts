/** The statements tables built from the real samples, checked against what the scenario script ran. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { runIngest } from '../helpers/run-ingest.js';

interface Truth {
  scenarios: {
    '06-slow-statements': { web_prepared_transactions: number; jobs_extended_transactions: number; prepared_statement: string; execute_calls: string[]; multiline_query_file: string };
    '08-app-errors': { errors_expected: Array<{ app: string; sqlstate: string; message: string }> };
  };
}
const truth = JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth;
const slow = truth.scenarios['06-slow-statements'];

interface Row {
  entry_id: number;
  ts: string | null;
  pid: number | null;
  user_name: string | null;
  application_name: string | null;
  duration_ms: number | null;
  phase: string;
  prepared_name: string | null;
  parameters: string | null;
  text: string | null;
  normalized: string | null;
  fingerprint: string | null;
  parse_ok: number | null;
  sqlstate: string | null;
}
interface ShapeRow {
  fingerprint: string;
  normalized: string;
  calls: number;
  timed_calls: number;
  total_ms: number | null;
  errors: number;
}

async function store(file: string): Promise<Database.Database> {
  return (await runIngest([file])).db;
}
const rowsOf = (db: Database.Database): Row[] => db.prepare('SELECT * FROM statements ORDER BY entry_id').all() as Row[];
const shapesOf = (db: Database.Database): ShapeRow[] => db.prepare('SELECT * FROM statement_shapes').all() as ShapeRow[];

const db06 = await store('samples/run-main/06-slow-statements.log');
const rows06 = rowsOf(db06);

test('statements has the documented columns', () => {
  const columns = (db06.prepare('PRAGMA table_info(statements)').all() as Array<{ name: string }>).map((c) => c.name);
  assert.deepEqual(columns, [
    'entry_id', 'ts', 'pid', 'user_name', 'database_name', 'application_name', 'duration_ms', 'phase', 'prepared_name',
    'parameters', 'text', 'normalized', 'fingerprint', 'query_id', 'parse_ok', 'sqlstate',
  ]);
});

test('every duration line is a row with its duration, session and shape', () => {
  const durations = db06.prepare(`SELECT count(*) AS n FROM entries WHERE kind = 'duration'`).get() as { n: number };
  const timed = rows06.filter((r) => r.duration_ms !== null);
  assert.equal(timed.length, durations.n);
  assert.ok(timed.length > 500);
  for (const r of timed.filter((x) => x.text !== null)) {
    assert.ok(r.fingerprint !== null && r.normalized !== null && r.parse_ok === 1, r.text ?? '');
    assert.ok(r.pid !== null && r.ts !== null && r.user_name !== null, `${r.entry_id}`);
  }
});

test('pgbench -M prepared and -M extended: parse, bind and execute phases with prepared names and parameters', () => {
  const executes = rows06.filter((r) => r.phase === 'execute');
  assert.deepEqual(new Set(executes.map((r) => r.prepared_name)), new Set(['P_0', 'P_1', 'P_2', '<unnamed>']));
  for (const r of executes) {
    const params = JSON.parse(r.parameters ?? 'null') as Array<[string, string | null]>;
    assert.ok(Array.isArray(params) && params.length > 0, `parameters of entry ${r.entry_id}`);
    for (const [name] of params) assert.match(name, /^\$\d+$/);
  }
  assert.ok(rows06.some((r) => r.phase === 'parse' && r.prepared_name === 'P_0'));
  assert.ok(rows06.some((r) => r.phase === 'bind' && r.prepared_name === 'P_1' && r.parameters !== null));
  const p1 = executes.find((r) => r.prepared_name === 'P_1')!;
  assert.equal(p1.text, 'SELECT id, status, total FROM orders WHERE account_id = $1 AND total >= $2 ORDER BY created_at DESC LIMIT 10;');
});

test('shape totals count each transaction of the pgbench scripts once', () => {
  const shapes = shapesOf(db06);
  const calls = (start: string): number => shapes.find((s) => s.normalized.startsWith(start))?.calls ?? -1;
  // web-prepared.pgbench runs these three once a transaction (parse/bind lines are not calls).
  assert.equal(calls('SELECT id, email, balance FROM accounts'), slow.web_prepared_transactions);
  assert.equal(calls('SELECT id, status, total FROM orders'), slow.web_prepared_transactions);
  assert.equal(calls('UPDATE accounts SET balance = balance + $1'), slow.web_prepared_transactions);
  assert.equal(calls('UPDATE delayed_jobs SET locked_at = now()'), slow.jobs_extended_transactions);
  const slowest = [...shapes].sort((a, b) => (b.total_ms ?? 0) - (a.total_ms ?? 0))[0]!;
  assert.match(slowest.normalized, /FROM pgbench_accounts a JOIN pgbench_accounts b/);
});

test('PREPARE / EXECUTE: each EXECUTE names its prepared statement and keeps its own text', () => {
  const executes = rows06.filter((r) => r.text?.startsWith('EXECUTE '));
  assert.deepEqual(executes.map((r) => r.text), slow.execute_calls);
  for (const r of executes) {
    assert.equal(r.prepared_name, slow.prepared_statement);
    assert.equal(r.phase, 'statement');
    assert.equal(r.normalized, r.text, 'libpg-query leaves EXECUTE arguments in place');
  }
  assert.equal(new Set(executes.map((r) => r.fingerprint)).size, 1);
});

test('the multi-line query is kept whole', () => {
  const script = readFileSync(slow.multiline_query_file, 'utf8');
  const query = script.slice(script.indexOf('SELECT a.id,'), script.indexOf('LIMIT 5;') + 'LIMIT 5;'.length);
  const row = rows06.find((r) => r.text?.startsWith('SELECT a.id,'));
  assert.ok(row);
  assert.equal(row.text, query);
  assert.equal(row.normalized, query.replace('a.balance > 0', 'a.balance > $1').replace('LIMIT 5', 'LIMIT $2'));
});

test('csvlog and jsonlog give the same statements as stderr', async () => {
  // Sorted: within one millisecond the formats may list backends in another order.
  const summary = (rows: Row[]): string[] =>
    rows.map((r) => `${r.ts} ${r.pid} ${r.phase} ${r.duration_ms} ${r.prepared_name} ${r.parameters} ${r.fingerprint} ${r.text}`).sort();
  for (const ext of ['csv', 'json']) {
    const db = await store(`samples/run-main/06-slow-statements.${ext}`);
    assert.deepEqual(summary(rowsOf(db)), summary(rows06), ext);
    db.close();
  }
});

test('a bare duration takes the shape of the statement log_statement showed before it', async () => {
  // 00-setup: log_statement = ddl and log_min_duration_statement = 100 ms.
  const db = await store('samples/run-main/00-setup.log');
  const bare = rowsOf(db).filter((r) => r.phase === 'none');
  const shop = bare.find((r) => r.duration_ms === 120.274);
  assert.ok(shop);
  assert.equal(shop.text, null);
  assert.equal(shop.normalized, 'CREATE DATABASE shop OWNER app;');
  const shape = shapesOf(db).find((s) => s.fingerprint === shop.fingerprint)!;
  assert.deepEqual([shape.calls, shape.timed_calls, shape.total_ms], [1, 1, 120.274]);
  db.close();
});

test('failed statements are rows of phase error, ranked by shape', async () => {
  const db = await store('samples/run-main/08-app-errors.log');
  const errors = rowsOf(db).filter((r) => r.phase === 'error');
  const expected = truth.scenarios['08-app-errors'].errors_expected;
  for (const want of expected) {
    assert.ok(errors.some((r) => r.sqlstate === want.sqlstate && r.application_name === want.app && r.text !== null), `${want.app} ${want.sqlstate}`);
  }
  const syntax = errors.find((r) => r.sqlstate === '42601')!;
  assert.equal(syntax.parse_ok, 0);
  assert.match(syntax.fingerprint ?? '', /^x[0-9a-f]{16}$/);
  const shapes = shapesOf(db);
  assert.equal(shapes.reduce((n, s) => n + s.errors, 0), errors.length);
  db.close();
});
