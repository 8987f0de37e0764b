/**
 * Numbers in log text are attacker-controllable: an epoch, a session time, a lock wait or a
 * statement duration far outside any real range must not crash the ingest, its derive pass
 * or any command reading the store (Date#toISOString throws past ±275 760 years).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

const HUGE = '9'.repeat(30);
/** Past a double's range: JavaScript reads it as Infinity. */
const BEYOND = '9'.repeat(400);
/** A lock wait, a statement, a checkpoint and a session, each of length `n`. */
function lengthsOf(n: string): string[] {
  return [
    `2026-11-26 10:00:00.000 UTC [77] app@db LOG:  process 77 still waiting for ShareLock on transaction 123 after ${n}.000 ms`,
    '2026-11-26 10:00:00.000 UTC [77] app@db DETAIL:  Process holding the lock: 78. Wait queue: 77.',
    `2026-11-26 10:00:01.000 UTC [77] app@db LOG:  process 77 acquired ShareLock on transaction 123 after ${n}.000 ms`,
    `2026-11-26 10:00:02.000 UTC [79] app@db LOG:  duration: ${n}.000 ms  statement: select 1`,
    `2026-11-26 10:00:03.000 UTC [80] LOG:  checkpoint complete: wrote ${n} buffers (100.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=${n}.000 s, sync=0.000 s, total=${n}.000 s; sync files=0, longest=0.000 s, average=0.000 s; distance=0 kB, estimate=0 kB`,
    `2026-11-26 10:00:04.000 UTC [83] app@db LOG:  disconnection: session time: ${n}:00:00.000 user=app database=db host=[local]`,
  ];
}

/** The first lines of a real csvlog, one entry each. */
function csvLines(): string[] {
  return readFileSync('samples/run-main/03-lock-waits.csv', 'utf8').split('\n').filter((l) => /^\d{4}-/.test(l) && !l.includes('\"\n')).slice(0, 4);
}

const CASES: Array<{ name: string; prefix?: string; ext?: string; lines: string[] }> = [
  { name: 'an epoch (%n) past year 9999', prefix: '%n [%p] ', lines: ['1764175415.123 [1] LOG:  before', `${HUGE}.000 [2] LOG:  hostile epoch`, '1764175416.123 [3] LOG:  after'] },
  {
    name: 'a second 60 (no PostgreSQL prints it), after a line of the same minute',
    lines: ['2026-11-26 10:00:59.000 UTC [1] LOG:  fine', '2026-11-26 10:00:60.500 UTC [1] LOG:  second 60', '2026-11-26 10:01:00.000 UTC [1] LOG:  fine again'],
  },
  {
    name: 'a csvlog time with second 60',
    ext: 'csv',
    lines: csvLines().map((l, i) => (i === 1 ? l.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d/, '$1:60') : l)),
  },
  {
    name: 'dates eight thousand years apart',
    lines: ['0001-01-01 00:00:00.000 UTC [1] LOG:  the first', '2026-11-26 10:00:00.000 UTC [2] app@db ERROR:  in between', '9999-12-31 23:59:59.999 UTC [3] LOG:  the last'],
  },
  {
    name: 'a session time, a lock wait, a duration and a checkpoint of absurd lengths',
    lines: [
      ...lengthsOf(HUGE),
      // Three years: a valid start, but millions of seconds to spread the wait over.
      '2026-11-26 10:00:05.000 UTC [90] app@db LOG:  process 90 still waiting for ShareLock on transaction 124 after 99999999999.000 ms',
      '2026-11-26 10:00:05.000 UTC [90] app@db DETAIL:  Process holding the lock: 91. Wait queue: 90.',
    ],
  },
  {
    name: 'a lock wait, a duration, a checkpoint and a session time beyond a double',
    lines: [...lengthsOf(BEYOND), `2026-11-26 10:00:04.500 UTC [79] app@db LOG:  duration: ${BEYOND}.000 ms`],
  },
];

const cli = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

for (const c of CASES) {
  test(`absurd numbers: ${c.name} — every line stored, every command answers`, async () => {
    const dir = tempDir();
    const log = join(dir, `absurd.${c.ext ?? 'log'}`);
    writeFileSync(log, `${c.lines.join('\n')}\n`);
    const dbPath = join(dir, 'store.db');
    const { summary, db } = await runIngest([log], c.prefix === undefined ? { dbPath } : { dbPath, prefix: c.prefix });
    assert.equal(summary.failed, 0);
    assert.equal(summary.entries + summary.unparsed, c.lines.length - c.lines.filter((l) => l.includes('DETAIL:')).length);
    const times = db.prepare('SELECT ts FROM entries WHERE ts IS NOT NULL').pluck().all() as string[];
    for (const ts of times) assert.equal(new Date(Date.parse(ts)).toISOString(), ts, 'every stored time reads back as itself');
    db.close();
    for (const args of [['incidents'], ['timeline'], ['locks'], ['blockers'], ['report', '--out', join(dir, 'r.md')], ['report', '--format', 'html', '--out', join(dir, 'r.html')]]) {
      execFileSync(process.execPath, [cli, ...args, '--db', dbPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  });
}

test('a store missing a derived table (its derive pass did not complete) gets a one-line explanation, not an internal error', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'store.db');
  (await runIngest(['samples/run-main/03-lock-waits.log'], { dbPath })).db.close();
  const db = new Database(dbPath);
  db.exec('DROP TABLE lock_waits');
  db.close();
  let stderr = '';
  let status: number | null = 0;
  try {
    execFileSync(process.execPath, [cli, 'locks', '--db', dbPath], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    ({ stderr, status } = err as { stderr: string; status: number | null });
  }
  assert.equal(status, 2);
  assert.equal(stderr.trim().split('\n').length, 1);
  assert.match(stderr, /has no lock_waits table: its derive pass did not complete/);
});
