/**
 * A log stored beside a larger log that holds all its entries (an older snapshot, a
 * pasted excerpt, one format's output beside a longer other one) is counted once: it
 * stays in the store, marked as the larger one's mirror, and every derived table is
 * what the larger log alone gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DERIVERS } from '../../src/derive/derivers.js';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const LOG = 'samples/run-main/01-deadlock-2proc.log';
const CSV = 'samples/run-main/01-deadlock-2proc.csv';
const LINES = readFileSync(LOG, 'utf8').split('\n').slice(0, -1);

/** Lines `from` to `to` (1-based, inclusive) of the sample, in a file of their own. */
function excerpt(from: number, to: number, edit: (lines: string[]) => string[] = (l) => l): string {
  const path = join(tempDir(), `excerpt-${from}-${to}.log`);
  writeFileSync(path, `${edit(LINES.slice(from - 1, to)).join('\n')}\n`);
  return path;
}

/** Every derived table's row count (the text index's: the entries it finds for a few words). */
function derived(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of DERIVERS.flatMap((d) => d.tables)) {
    // The text index cannot be scanned, only searched.
    const sql = t === 'entry_words' ? `SELECT count(*) FROM ${t} WHERE ${t} MATCH 'deadlock OR lock OR connection'` : `SELECT count(*) FROM ${t}`;
    counts[t] = db.prepare(sql).pluck().get() as number;
  }
  return counts;
}

const mirrors = (db: Database.Database): Array<{ path: string; of: string | null }> =>
  db.prepare('SELECT f.path, g.path AS of FROM files f LEFT JOIN files g ON g.id = f.mirror_of ORDER BY f.id').all() as Array<{ path: string; of: string | null }>;

let alone: Record<string, number> | undefined;
async function derivedAlone(): Promise<Record<string, number>> {
  if (!alone) {
    const run = await runIngest([LOG]);
    alone = derived(run.db);
    run.db.close();
  }
  return alone;
}

test('an older snapshot stored after the log it grew into is counted once', async () => {
  const dbPath = join(tempDir(), 'store.db');
  (await runIngest([LOG], { dbPath })).db.close();
  const snapshot = excerpt(1, 200);
  const run = await runIngest([snapshot], { dbPath });
  assert.deepEqual(mirrors(run.db), [{ path: LOG, of: null }, { path: snapshot, of: LOG }]);
  assert.match(run.stderr, /counted once: .*excerpt-1-200\.log: its \d+ entries are all in samples\/run-main\/01-deadlock-2proc\.log/);
  assert.deepEqual(run.summary.counted_once.map((c) => [c.path, c.within]), [[snapshot, LOG]]);
  assert.deepEqual(derived(run.db), await derivedAlone());
  for (const f of lineAccounting(run.db)) assert.equal(f.covered, f.lines, `${f.path}: its lines are all still stored`);
  run.db.close();
});

test('an excerpt pasted on stdin, cut in the middle of an entry, is counted once, stored before or after the log', async () => {
  // From a DETAIL line (its primary line left out) to a primary line whose own lines are cut off.
  const from = LINES.findIndex((l) => l.includes(' DETAIL:  ')) + 1;
  const to = LINES.findIndex((l, i) => i > from + 60 && l.includes(' ERROR:  '));
  assert.ok(from > 1 && to > from, 'the sample has a DETAIL line and an ERROR after it');
  const pasted = `${LINES.slice(from - 1, to + 1).join('\n')}\n`;

  const after = join(tempDir(), 'store.db');
  (await runIngest([LOG], { dbPath: after })).db.close();
  const second = await runIngest(['-'], { dbPath: after, stdin: pasted });
  assert.equal(second.summary.counted_once.length, 1);
  assert.equal(second.summary.counted_once[0]!.within, LOG);
  assert.ok(second.summary.entries > 0 && second.summary.unparsed > 0, 'the excerpt has entries, and the lines of the entry cut off');
  assert.deepEqual(derived(second.db), await derivedAlone());

  const before = join(tempDir(), 'store.db');
  (await runIngest(['-'], { dbPath: before, stdin: pasted })).db.close();
  const first = await runIngest([LOG], { dbPath: before });
  assert.equal(first.summary.counted_once.length, 1, 'the larger log stored second takes the excerpt in');
  assert.equal(first.summary.counted_once[0]!.within, LOG);
  assert.deepEqual(derived(first.db), await derivedAlone());
});

test('nested copies all point at the largest one, which is no mirror itself', async () => {
  const small = excerpt(50, 120);
  const medium = excerpt(1, 300);
  const run = await runIngest([small, medium, LOG]);
  assert.deepEqual(mirrors(run.db), [
    { path: small, of: LOG },
    { path: medium, of: LOG },
    { path: LOG, of: null },
  ]);
  assert.deepEqual(derived(run.db), await derivedAlone());
});

test('an excerpt of the stderr log is found in the csvlog of the same run (csvlog has no lines of its own here)', async () => {
  const part = excerpt(1, 150);
  const run = await runIngest([CSV, part]);
  assert.deepEqual(mirrors(run.db), [{ path: CSV, of: null }, { path: part, of: CSV }]);
});

test('a log whose time span lies within another, but with an entry the other lacks, counts on its own', async () => {
  // A LOG line well inside the excerpt (lines 20 to 200).
  const at = LINES.findIndex((l, i) => i >= 60 && l.includes(' LOG:  ')) - 19;
  const cases: Array<[string, (lines: string[]) => string[]]> = [
    ['another message', (l) => l.map((line, i) => (i === at ? line.replace(/LOG: {2}.*/, 'LOG:  checkpoint starting: time') : line))],
    ['another pid', (l) => l.map((line, i) => (i === at ? line.replace(/\[(\d+)\]/, (_, pid: string) => `[${Number(pid) + 1}]`) : line))],
    ['another second', (l) => l.map((line, i) => (i === at ? line.replace(/^(\S+ \d\d:\d\d:)(\d\d)/, (_, head: string, s: string) => `${head}${String((Number(s) + 1) % 60).padStart(2, '0')}`) : line))],
    ['another severity', (l) => l.map((line, i) => (i === at ? line.replace(' LOG:  ', ' WARNING:  ') : line))],
  ];
  for (const [name, edit] of cases) {
    const other = excerpt(20, 200, edit);
    assert.notEqual(readFileSync(other, 'utf8'), `${LINES.slice(19, 200).join('\n')}\n`, `${name}: the edit changed a line`);
    const run = await runIngest([LOG, other]);
    assert.deepEqual(mirrors(run.db), [{ path: LOG, of: null }, { path: other, of: null }], name);
    assert.doesNotMatch(run.stderr, /counted once/, name);
    run.db.close();
  }
});

test('many files counted once in one log: three named, the others counted, all in --json', async () => {
  const parts = [1, 61, 121, 181, 241, 301].map((from) => excerpt(from, from + 59));
  const run = await runIngest([LOG, ...parts]);
  assert.equal(run.summary.counted_once.length, 6);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('counted once:'));
  assert.equal(lines.length, 4);
  assert.match(lines[3]!, /^counted once: 3 more files whose entries are all in samples\/run-main\/01-deadlock-2proc\.log/);
});

test('an excerpt that ends inside a multi-line statement is counted once; a statement cut short before its end is not', async () => {
  const log = 'samples/run-main/06-slow-statements.log';
  const lines = readFileSync(log, 'utf8').split('\n').slice(0, -1);
  // The metabase report: `LOG:  duration: … statement: SELECT a.id,` then nine TAB lines.
  const start = lines.findIndex((l) => l.includes('statement: SELECT a.id,'));
  assert.ok(start > 100 && lines[start + 9]!.startsWith('\t'), 'the sample has the multi-line report');
  const write = (name: string, part: string[]): string => {
    const path = join(tempDir(), name);
    writeFileSync(path, `${part.join('\n')}\n`);
    return path;
  };
  const endsInside = write('ends-inside.log', lines.slice(start - 100, start + 4));
  const startsInside = write('starts-inside.log', lines.slice(start + 4, start + 200));
  const run = await runIngest([log, endsInside, startsInside]);
  assert.deepEqual(mirrors(run.db), [{ path: log, of: null }, { path: endsInside, of: log }, { path: startsInside, of: log }]);
  run.db.close();

  // The same statement missing a line in the middle, then more entries: no cut, another message.
  const inside = write('line-missing.log', [...lines.slice(start - 100, start + 4), ...lines.slice(start + 5, start + 40)]);
  const other = await runIngest([log, inside]);
  assert.deepEqual(mirrors(other.db), [{ path: log, of: null }, { path: inside, of: null }]);
  other.db.close();
});
