/**
 * A syslog message arrives in pieces, other backends' lines can come between them,
 * and one piece can hold several lines (`#012`, syslog_split_messages = off): however
 * they come, every physical line is counted once, in an entry or as an unparsed line.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const FIXTURES = 'test/fixtures/formats';
const capture = readFileSync(`${FIXTURES}/pg15-session.syslog`, 'utf8').split('\n').slice(0, -1);
/** A 2 400-byte statement sent in three pieces (lines 108–110 of the capture). */
const statement = capture.slice(107, 110);
/** An error and its statement in one piece, newlines as #012 (line 191). */
const splitOff = capture[190]!;
const other = (pid: number, n: number): string =>
  `Nov 26 16:45:52 vm postgres[${pid}]: [${n}-1] 2026-11-26 16:45:52.305 UTC [${pid}] postgres@postgres LOG:  other ${n}`;

const CASES: Array<{ name: string; lines: string[]; check?: (db: Awaited<ReturnType<typeof runIngest>>['db']) => void }> = [
  { name: 'the real rsyslog captures (BSD and high-precision headers)', lines: capture },
  {
    name: "a statement's pieces with other backends' lines between them",
    lines: [statement[0]!, other(1, 1), statement[1]!, other(2, 1), other(1, 2), statement[2]!],
    check: (db) => {
      const e = db.prepare(`SELECT line_start, line_count, length(message) AS chars FROM entries WHERE pid = 4851`).get() as { line_start: number; line_count: number; chars: number };
      assert.deepEqual([e.line_start, e.line_count], [1, 3]);
      assert.ok(e.chars > 2000, 'the pieces joined');
    },
  },
  {
    name: 'pieces that reassemble into a line of no known shape are unparsed at their own lines',
    lines: [statement[0]!.replace(' LOG:  ', ' NOISE '), other(1, 1), statement[1]!, statement[2]!],
    check: (db) => assert.deepEqual(db.prepare('SELECT line FROM unparsed ORDER BY line').pluck().all(), [1, 3, 4]),
  },
  {
    name: 'one piece holding an error and its statement (#012)',
    lines: [other(1, 1), splitOff, other(1, 2)],
    check: (db) => {
      const e = db.prepare(`SELECT line_start, line_count, statement FROM entries WHERE message LIKE 'relation "missing_splitoff"%'`).get() as { line_start: number; line_count: number; statement: string };
      assert.deepEqual([e.line_start, e.line_count], [2, 1]);
      assert.equal(e.statement, 'SELECT id,\n\tbalance\n  FROM missing_splitoff;');
    },
  },
  {
    name: 'one piece of several lines, some of them damaged: kept, in one line',
    lines: [splitOff.replace('#012#011#011balance', '#012garbage without a prefix#012#011#011balance'), other(1, 1)],
    check: (db) => {
      const texts = [
        ...(db.prepare('SELECT text FROM unparsed').pluck().all() as string[]),
        ...(db.prepare('SELECT coalesce(statement, \'\') FROM entries').pluck().all() as string[]),
      ].join('\n');
      assert.match(texts, /garbage without a prefix/);
    },
  },
];

for (const c of CASES) {
  test(`syslog: ${c.name}: every line counted once`, async () => {
    const dir = tempDir();
    const log = join(dir, 'postgresql.log');
    writeFileSync(log, `${c.lines.join('\n')}\n`);
    const { db } = await runIngest([log], { format: 'syslog' });
    const [file] = lineAccounting(db);
    assert.equal(file!.lines, c.lines.length);
    assert.equal(file!.covered, file!.lines);
    c.check?.(db);
    db.close();
  });
}
