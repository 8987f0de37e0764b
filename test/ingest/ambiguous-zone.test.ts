/**
 * A server in Shanghai prints its times in `CST`, as Chicago and Havana do: read as
 * Chicago's without --tz (and said so, per file), as Shanghai's with --tz Asia/Shanghai.
 * samples/timezone/asia-shanghai.* come from a real server with log_timezone =
 * 'Asia/Shanghai', which logged an error between two instants its client noted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

const FILES = ['samples/timezone/asia-shanghai.log', 'samples/timezone/asia-shanghai.csv', 'samples/timezone/asia-shanghai.json'];
const truth = (JSON.parse(readFileSync('samples/timezone/truth.json', 'utf8')) as Record<string, { marker_error: string; marker_window_utc: [string, string] }>)[
  'asia-shanghai'
]!;

/** The marker error's time in each file, in the order of FILES. */
const markerTimes = (db: Database.Database): string[] =>
  FILES.map((path) =>
    db.prepare(`SELECT ts FROM entries WHERE message LIKE ? || '%' AND file_id = (SELECT id FROM files WHERE path = ?)`).pluck().get(truth.marker_error, path) as string,
  );

test('CST without --tz: read as US Central time, with a warning for each file that says how to tell', async () => {
  const run = await runIngest(FILES);
  const warned = run.db.prepare(`SELECT path FROM warnings WHERE message LIKE 'time zone "CST" in timestamps read as US Central time%--tz' ORDER BY path`).pluck().all();
  assert.deepEqual(warned, [...FILES].sort());
  assert.match(run.stderr, /Asia\/Shanghai/);
  const [from] = truth.marker_window_utc;
  for (const ts of markerTimes(run.db)) assert.equal(Date.parse(ts) - Date.parse(from) > 13 * 3600_000, true, `${ts}: 14 hours late`);
  run.db.close();
});

test('CST with --tz Asia/Shanghai: every format puts the error between the instants its client noted', async () => {
  const run = await runIngest(FILES, { tz: 'Asia/Shanghai' });
  assert.equal(run.db.prepare(`SELECT count(*) FROM warnings WHERE message LIKE 'time zone%'`).pluck().get(), 0);
  const [from, to] = truth.marker_window_utc.map((t) => Date.parse(t));
  for (const ts of markerTimes(run.db)) {
    // stderr's %m and csvlog's log_time are printed to the millisecond, as the client noted them.
    assert.ok(Date.parse(ts) >= from! - 1 && Date.parse(ts) <= to! + 1, `${ts} in ${truth.marker_window_utc.join(' .. ')}`);
  }
  const times = (path: string) => run.db.prepare(`SELECT ts, pid, message FROM entries WHERE file_id = (SELECT id FROM files WHERE path = ?) ORDER BY ts, pid, message`).all(path);
  assert.deepEqual(times(FILES[0]!), times(FILES[1]!));
  run.db.close();
});

test('the same warning for many files: printed three times, then counted in one line; each stored', async () => {
  const dir = tempDir();
  const text = readFileSync(FILES[0]!, 'utf8');
  // Five rotated files of one server: different content (a line of its own each), the same zone.
  for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `postgresql.log.${i}`), `${text}rotated copy ${i}\n`);
  const run = await runIngest([dir]);
  const printed = run.stderr.split('\n').filter((l) => l.includes('time zone "CST"'));
  assert.equal(printed.length, 4);
  assert.match(printed[3]!, /^warning: 2 more times \(the warnings table has each, with its file\): time zone "CST"/);
  assert.equal(run.db.prepare(`SELECT count(*) FROM warnings WHERE message LIKE 'time zone "CST"%'`).pluck().get(), 5);
  run.db.close();
});
