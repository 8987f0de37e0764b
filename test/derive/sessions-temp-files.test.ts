/** Temporary files of scenario 07, and where their statement comes from when the entry has none. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

interface TempFileRow {
  pid: number; path: string; bytes: number; statement: string | null; statement_source: string | null;
  user_name: string | null; database_name: string | null; application_name: string | null; entry_id: number;
}

const tempFilesOf = async (path: string): Promise<TempFileRow[]> => {
  const run = await runIngest([path]);
  const rows = run.db.prepare(`SELECT * FROM temp_files ORDER BY ts, id`).all() as TempFileRow[];
  run.db.close();
  return rows;
};

test('07: the sort and the hash spill to temp files, with sizes, statements and who ran them', async () => {
  const rows = await tempFilesOf('samples/run-main/07-temp-checkpoint-autovacuum.log');
  assert.deepEqual(rows.map((r) => [r.pid, r.bytes]), [[28219, 8699904], [28219, 2800000], [28226, 2800000]]);
  for (const r of rows) {
    assert.match(r.path, /^base\/pgsql_tmp\/pgsql_tmp\d+\.\d+$/);
    assert.equal(r.statement_source, 'entry');
    assert.deepEqual([r.user_name, r.database_name, r.application_name], ['app', 'shop', 'delayed_job']);
  }
  assert.match(rows[0]!.statement!, /ORDER BY h\) AS sorted;$/);
  assert.match(rows[2]!.statement!, /^INSERT INTO events \(account_id, kind, payload\)\nSELECT 1 \+ g % 100/);
});

test('without STATEMENT lines, the statement is the one of the same backend\'s next duration line', async () => {
  // 28219's lines of 07 as a server with log_min_error_statement = panic writes them: no STATEMENT.
  const lines = readFileSync('samples/run-main/07-temp-checkpoint-autovacuum.log', 'utf8').split('\n');
  const own = lines.filter((l) => l.includes(' [28219] ') && !l.includes(' STATEMENT:  '));
  assert.equal(own.length, 7);
  // A second backend whose temp file is followed by its next statement, not a duration: no statement for it.
  const other = [
    '2026-11-26 17:01:55.950 UTC [28300] [user=app,db=shop,app=puma,client=127.0.0.1,xid=0,sess=6b086603.6eec,line=1] LOG:  temporary file: path "base/pgsql_tmp/pgsql_tmp28300.0", size 4096',
    '2026-11-26 17:01:55.951 UTC [28300] [user=app,db=shop,app=puma,client=127.0.0.1,xid=0,sess=6b086603.6eec,line=2] LOG:  statement: DROP TABLE scratch;',
    '2026-11-26 17:01:55.952 UTC [28300] [user=app,db=shop,app=puma,client=127.0.0.1,xid=0,sess=6b086603.6eec,line=3] LOG:  duration: 51.000 ms  statement: DROP TABLE scratch;',
  ];
  const path = join(tempDir(), 'no-statement.log');
  writeFileSync(path, [...own, ...other].join('\n') + '\n');
  const rows = await tempFilesOf(path);
  assert.deepEqual(rows.map((r) => [r.pid, r.bytes, r.statement_source]), [
    [28219, 8699904, 'duration'], [28219, 2800000, 'duration'], [28300, 4096, null],
  ]);
  assert.equal(rows[0]!.statement, 'SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 200000) AS g ORDER BY h) AS sorted;');
  assert.equal(rows[2]!.statement, null);
});
