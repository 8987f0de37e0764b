import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { pushPackedRow, type Cell } from '../../src/store/entry-rows.js';
import { createRowInserter } from '../../src/store/row-inserter.js';

const COLUMNS = ['a', 'b', 'c', 'd'] as const;
type Row = [Cell, Cell, Cell, Cell];

/** Rows in, the same rows out, in the same order (ids follow the order given). */
function roundTrip(rows: readonly Row[]): Row[] {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, d)');
  const packed: Cell[] = [];
  for (const row of rows) pushPackedRow(packed, row.map((v) => (v === null ? undefined : v)));
  const inserted = createRowInserter(db, 't', COLUMNS).insert(packed);
  assert.equal(inserted, rows.length);
  const out = db.prepare('SELECT a, b, c, d FROM t ORDER BY id').raw().all() as Row[];
  db.close();
  return out;
}

const range = (n: number, f: (i: number) => Row): Row[] => Array.from({ length: n }, (_, i) => f(i));

const CASES: Array<{ name: string; rows: Row[] }> = [
  { name: 'one row', rows: [[1, 'x', null, 2.5]] },
  { name: 'a run with shared columns (bound once) and own columns', rows: range(40, (i) => [1, `line ${i}`, 'LOG', i]) },
  { name: 'identical rows: every column equal along the run', rows: range(20, () => [7, 'same', 'same', 7]) },
  { name: 'a column shared for part of the run only', rows: range(33, (i) => [i < 10 ? 'a' : 'b', i, null, null]) },
  { name: 'shapes alternating: NULLs break runs', rows: range(30, (i) => (i % 3 === 0 ? [1, null, 'x', i] : [1, 'y', null, i])) },
  { name: 'equal-looking values of different types stay apart', rows: [[1, '1', 1, 'a'], [1, '1', '1', 'a'], [1, 1, 1, 'a']] },
  { name: 'a column NULL in every row', rows: range(17, (i) => [null, i, 'k', null]) },
];

for (const { name, rows } of CASES) {
  test(`row inserter: ${name}`, () => {
    assert.deepEqual(roundTrip(rows), rows);
  });
}
