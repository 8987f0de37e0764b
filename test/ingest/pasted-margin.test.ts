/**
 * A log pasted as a block (a Markdown code block, quoted mail, a quoted comment) has a
 * margin before every line: read without it, the entries are those of the log itself,
 * TAB continuation lines (a deadlock's report) attached as they should be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { pastedMargin } from '../../src/ingest/format-router.js';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const LOG = 'samples/run-main/01-deadlock-2proc.log';
const CSV = 'samples/run-main/01-deadlock-2proc.csv';
const COLUMNS = 'ts, pid, severity, sqlstate, message, detail, hint, context, statement, application_name, line_start, line_count';
const entries = (db: Database.Database): unknown[] => db.prepare(`SELECT ${COLUMNS} FROM entries ORDER BY id`).all();

function write(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

const plain = await runIngest([LOG]);
const csv = await runIngest([CSV]);

const MARGINS: Array<{ name: string; margin: string; blank: string }> = [
  { name: 'a Markdown code block', margin: '    ', blank: '' },
  { name: 'quoted mail', margin: '> ', blank: '>' },
  { name: 'mail quoted twice', margin: '> > ', blank: '> >' },
];

for (const { name, margin, blank } of MARGINS) {
  test(`a log pasted as ${name} gives the log's entries, with a warning naming the file`, async () => {
    const lines = readFileSync(LOG, 'utf8').split('\n').slice(0, -1);
    // A blank line inside the block is its margin alone (mail clients trim the trailing space).
    const pasted = lines.map((l) => `${margin}${l}`);
    pasted.splice(40, 0, blank);
    const path = write('pasted.log', `${pasted.join('\n')}\n`);
    const run = await runIngest([path]);
    const got = entries(run.db) as Array<{ line_start: number }>;
    // The blank line moves the later lines one down; it is an unparsed line of its own.
    const want = (entries(plain.db) as Array<{ line_start: number }>).map((e) => ({ ...e, line_start: e.line_start > 40 ? e.line_start + 1 : e.line_start }));
    assert.deepEqual(got, want);
    assert.equal(run.db.prepare('SELECT count(*) FROM unparsed').pluck().get(), 1);
    for (const f of lineAccounting(run.db)) assert.equal(f.covered, f.lines);
    const participants = (db: Database.Database) => db.prepare('SELECT deadlock_id, position, pid, is_victim, mode, object FROM deadlock_participants ORDER BY 1, 2').all();
    assert.ok(participants(plain.db).length >= 2);
    assert.deepEqual(participants(run.db), participants(plain.db));
    const warnings = run.db.prepare('SELECT message FROM warnings').pluck().all() as string[];
    assert.deepEqual(warnings, [`every line starts with '${margin}' (a pasted block, indented or quoted): read without it`]);
    assert.match(run.stderr, new RegExp(`pasted\\.log: every line starts with '${margin}'`));
    run.db.close();
  });
}

test('a csvlog pasted as a code block: records over several lines read too', async () => {
  const text = readFileSync(CSV, 'utf8').split('\n').slice(0, -1).map((l) => `    ${l}`).join('\n');
  const run = await runIngest([write('pasted.csv', `${text}\n`)]);
  assert.deepEqual(entries(run.db), entries(csv.db));
  run.db.close();
});

test('--prefix that starts with the margin reads the lines as they are; one that does not, without it', async () => {
  const lines = readFileSync(LOG, 'utf8').split('\n').slice(0, -1);
  const prefix = plain.db.prepare('SELECT prefix FROM files').pluck().get() as string;
  const indented = write('indented.log', `${lines.map((l) => `  ${l}`).join('\n')}\n`);
  for (const given of [prefix, `  ${prefix}`]) {
    const run = await runIngest([indented], { prefix: given });
    assert.equal(run.db.prepare('SELECT count(*) FROM entries').pluck().get(), plain.summary.entries, given);
    assert.equal(run.db.prepare('SELECT prefix FROM files').pluck().get(), given);
    run.db.close();
  }
});

test('pastedMargin: the margin all lines share, blank and margin-only lines aside', () => {
  const cases: Array<[string[], string]> = [
    [['    2026-11-26 LOG:  a', '    \tmore', '', '    2026-11-26 LOG:  b'], '    '],
    [['> 2026-11-26 LOG:  a', '>', '> \tmore'], '> '],
    [['> 2026-11-26 LOG:  a', '>  2026-11-26 LOG:  b'], '> '],
    [['    2026-11-26 LOG:  a', '2026-11-26 LOG:  b'], ''],
    [['2026-11-26 LOG:  a'], ''],
    [['', '   '], ''],
    [[], ''],
  ];
  for (const [lines, margin] of cases) assert.equal(pastedMargin(lines), margin, JSON.stringify(lines));
});
