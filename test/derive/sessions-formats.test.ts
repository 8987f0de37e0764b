/**
 * samples/run-main logs each event three times (stderr, csvlog, jsonlog). Ingested
 * together, two copies are mirrors and the derived tables must count every event
 * once: the same rows as from the stderr files alone, or the csv files alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { runIngest } from '../helpers/run-ingest.js';

/** Each table's columns that do not depend on which copy was read (ids and entry ids do). */
const TABLES: Record<string, string> = {
  sessions: `pid, session_id, start_ts, end_ts, duration_ms, ended, end_kind, client_host, client_port, user_name,
    database_name, application_name, authorized, auth_method, entries, statements, errors`,
  connection_refusals: 'ts, pid, reason, subject, user_name, database_name, application_name, client_host, client_port',
  auth_failures: 'ts, pid, reason, method, hba_method, detail, user_name, database_name, client_host, client_port, hba_line',
  server_events: 'ts, kind, pid, subject_pid, signal, query, version, mode, lsn, name, value, bytes, seconds, last_up, recovery_ms',
  checkpoints: 'point, pid, start_ts, complete_ts, flags, too_frequent_s, buffers, buffers_pct, total_s, distance_kb',
  maintenance: 'ts, pid, operation, database_name, schema_name, table_name, tuples_removed, elapsed_s',
  temp_files: 'ts, pid, path, bytes, statement, statement_source, user_name, database_name, application_name',
};

function derived(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(TABLES).map(([table, columns]) => [table, db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).all()]),
  );
}

const files = (ext: string) => readdirSync('samples/run-main').filter((f) => f.endsWith(`.${ext}`)).map((f) => `samples/run-main/${f}`);

async function derivedFrom(inputs: string[]): Promise<{ tables: Record<string, unknown[]>; mirrors: number }> {
  const run = await runIngest(inputs);
  const tables = derived(run.db);
  const mirrors = run.db.prepare(`SELECT count(*) FROM files WHERE mirror_of IS NOT NULL`).pluck().get() as number;
  run.db.close();
  return { tables, mirrors };
}

const stderr = await derivedFrom(files('log'));

test('the stderr files alone give rows in every table', () => {
  for (const [table, rows] of Object.entries(stderr.tables)) assert.ok(rows.length > 0, table);
  assert.equal(stderr.mirrors, 0);
});

test('csvlog alone, jsonlog alone and all three formats together derive the same rows as stderr alone', async () => {
  for (const inputs of [files('csv'), files('json'), ['samples/run-main']]) {
    const other = await derivedFrom(inputs);
    if (inputs.length === 1) assert.equal(other.mirrors, 2 * files('log').length);
    for (const table of Object.keys(TABLES)) {
      assert.equal(other.tables[table]!.length, stderr.tables[table]!.length, `${table} from ${inputs[0]}`);
      assert.deepEqual(other.tables[table], stderr.tables[table], `${table} from ${inputs[0]}`);
    }
  }
});
