/**
 * How SQLite runs the connections screen's whole-log session lengths: through the partial
 * index on sessions (duration_ms), whose WHERE the queries must match to use it. (The
 * window query's plan depends on the store's statistics: on a store this small SQLite
 * picks the start-time index either way, so only the benchmark's 10 M store shows it.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SESSION_LENGTH_SQL } from '../../src/derive/sessions/session-lengths.js';
import { runIngest } from '../helpers/run-ingest.js';

const { db } = await runIngest(['samples/off-outage/postgresql.log']);
const plan = (sql: string, params: unknown[] | Record<string, unknown>) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

test('the whole log: count and ranks from the partial duration index, no sort', () => {
  for (const sql of [SESSION_LENGTH_SQL.up, SESSION_LENGTH_SQL.down]) {
    const p = plan(sql, [0]);
    assert.match(p, /USING (COVERING )?INDEX sessions_duration/, p);
    assert.doesNotMatch(p, /TEMP B-TREE/, p);
  }
  assert.match(plan(SESSION_LENGTH_SQL.count, []), /sessions_duration/);
});
