/** The SQL examples in the README run on a real store and answer something. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { runIngest } from '../helpers/run-ingest.js';
import { sqlCommand } from '../../src/commands/sql.js';

const run = await runIngest(['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/03-lock-waits.log']);
const db = run.db.name;
run.db.close();

const block = /```sql\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1] ?? '';
const queries = block.split(';').map((q) => q.replace(/^\s*--.*$/gm, '').trim()).filter((q) => q.length > 0);

test('the README shows five SQL examples', () => assert.equal(queries.length, 5));

for (const query of queries) {
  test(`README example returns rows: ${query.slice(0, 60).replace(/\s+/g, ' ')}…`, () => {
    const out = new PassThrough();
    out.resume();
    assert.ok(sqlCommand(query, { db, json: true, csv: false }, out) > 0);
  });
}
