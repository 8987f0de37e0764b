import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createEntryPacker, ENTRY_COLUMNS, packEntries, type Cell } from '../../src/store/entry-rows.js';
import { unpackRows } from '../../src/store/unpack-rows.js';
import { classify } from '../../src/classify/index.js';
import { createRowInserter } from '../../src/store/row-inserter.js';
import type { LogEntry } from '../../src/parse/log-entry.js';

// Every field set to a value naming its column: a field packed under the wrong bit lands in the wrong column.
const FULL: LogEntry = {
  lineStart: 11, lineCount: 3, ts: 'ts', pid: 42, severity: 'ERROR', sqlstate: 'sqlstate', message: 'message',
  detail: 'detail', hint: 'hint', context: 'context', statement: 'statement', internal_query: 'internal_query',
  location: 'location', user_name: 'user_name', database_name: 'database_name', application_name: 'application_name',
  client: 'client', session_id: 'session_id', session_line: 7, session_start: 'session_start', xid: '1234',
  vxid: 'vxid', backend_type: 'backend_type', query_id: 'query_id', command_tag: 'command_tag', leader_pid: 43,
};

function stored(entries: LogEntry[]): Array<Record<string, Cell>> {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE entries (id INTEGER PRIMARY KEY, ${ENTRY_COLUMNS.join(', ')})`);
  createRowInserter(db, 'entries', ENTRY_COLUMNS).insert(unpackRows(packEntries(5, entries)));
  const out = db.prepare(`SELECT ${ENTRY_COLUMNS.join(', ')} FROM entries ORDER BY id`).all() as Array<Record<string, Cell>>;
  db.close();
  return out;
}

test('an entry with every field lands each value in its own column', () => {
  const [row] = stored([FULL]);
  // The SQLSTATE, kind and family are classification's (the packer classifies).
  const c = classify(FULL);
  const expected: Record<string, Cell> = {
    file_id: 5, line_start: 11, line_count: 3, pid: 42, session_line: 7, xid: 1234, leader_pid: 43, severity: 'ERROR',
    sqlstate: c.sqlstate ?? null, kind: c.kind, family: c.family,
  };
  for (const c of ENTRY_COLUMNS) assert.equal(row![c], c in expected ? expected[c] : c, c);
});

test('fields an entry lacks are NULL, the rest are kept', () => {
  const [row] = stored([{ lineStart: 1, lineCount: 1, severity: 'LOG', message: 'hello', pid: 9 }]);
  for (const c of ENTRY_COLUMNS) {
    const want = ({ file_id: 5, line_start: 1, line_count: 1, severity: 'LOG', message: 'hello', pid: 9, kind: 'other', family: 'other' } as Record<string, Cell>)[c] ?? null;
    assert.equal(row![c], want, c);
  }
});

test('a packer gives the same rows taken in several batches as in one', () => {
  const entries: LogEntry[] = [FULL, { lineStart: 14, lineCount: 1, severity: 'LOG', message: 'ünïcode ✓', pid: 9 }, FULL];
  const packer = createEntryPacker({ cells: 1, chars: Infinity });
  const batches = entries.map((e) => {
    packer.push(5, e);
    return unpackRows(packer.take());
  });
  assert.equal(packer.size, 0);
  assert.deepEqual(batches.flat(), unpackRows(packEntries(5, entries)));
});

test('a packer is full at its cells or at its characters, whichever comes first', () => {
  const line = (message: string): LogEntry => ({ lineStart: 1, lineCount: 1, severity: 'LOG', message, pid: 9 });
  const byChars = createEntryPacker({ cells: 4096, chars: 100 });
  byChars.push(5, line('x'.repeat(60)));
  assert.equal(byChars.full, false);
  byChars.push(5, line('x'.repeat(60)));
  assert.equal(byChars.full, true);
  byChars.take();
  assert.equal(byChars.full, false);
  const byCells = createEntryPacker({ cells: 12, chars: Infinity });
  byCells.push(5, line('a'));
  assert.equal(byCells.full, false);
  byCells.push(5, line('b'));
  assert.equal(byCells.full, true);
});
