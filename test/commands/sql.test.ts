import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { runIngest } from '../helpers/run-ingest.js';
import { sqlCommand } from '../../src/commands/sql.js';
import { UsageError } from '../../src/commands/errors.js';

const run = await runIngest(['samples/run-main/02-deadlock-3proc.log']);
const db = run.db.name;
run.db.close();

function sql(query: string, opts: { json?: boolean; csv?: boolean } = {}): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  sqlCommand(query, { db, json: opts.json ?? false, csv: opts.csv ?? false }, out);
  return text;
}

test('answers read-only questions as a table, JSON or CSV', () => {
  const rows = JSON.parse(sql(`SELECT pid, is_victim FROM deadlock_participants ORDER BY position`, { json: true })) as unknown[];
  assert.equal(rows.length, 3);
  assert.match(sql(`SELECT count(*) AS n FROM deadlocks`), /^n\n1\n\(1 row\)\n$/);
  assert.match(sql(`SELECT 'a,"b"' AS x`, { csv: true }), /^x\n"a,""b"""\n$/);
  assert.match(sql(`PRAGMA table_info(deadlocks)`), /victim_pid/);
});

test('refuses every statement that would change the store or reach other files', () => {
  const refused = [
    'DELETE FROM entries', 'UPDATE entries SET pid = 1', 'DROP TABLE entries', 'INSERT INTO meta VALUES (1, 2)',
    'CREATE TABLE x (a)', "ATTACH DATABASE '/tmp/other.db' AS other", '  /* hidden */ ATTACH \'/tmp/x.db\' AS x',
    'DETACH DATABASE main', 'PRAGMA journal_mode = DELETE', 'PRAGMA user_version=7', 'VACUUM',
  ];
  for (const query of refused) {
    assert.throws(() => sql(query), (err: unknown) => err instanceof UsageError && /read-only/.test(err.message), query);
  }
  assert.equal(JSON.parse(sql('SELECT count(*) AS n FROM entries', { json: true }))[0].n > 0, true, 'store intact');
});

test('a mistake in the query is a one-line error', () => {
  assert.throws(() => sql('SELEC 1'), (err: unknown) => err instanceof UsageError && /^sql: near "SELEC"/.test(err.message));
});
