/** The timeline on the real run-main samples: gauges against the scenario script's truth, and its invariants. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { loadTimeline, timelineCommand } from '../../src/commands/timeline.js';
import type { Timeline } from '../../src/analyze/timeline/build-timeline.js';
import { GAUGES } from '../../src/analyze/timeline/gauges.js';

interface Truth {
  scenarios: Record<string, { window_utc: [string, string] }>;
}
const truth = JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as Truth;
const logs = readdirSync('samples/run-main').filter((f) => f.endsWith('.log')).sort().map((f) => `samples/run-main/${f}`);

async function storeOf(inputs: string[]): Promise<string> {
  const run = await runIngest(inputs);
  const path = run.db.name;
  run.db.close();
  return path;
}

let mainStore: Promise<string> | undefined;
const main = () => (mainStore ??= storeOf(logs));

test('run-main: totals match what the scenarios did', async () => {
  const t = loadTimeline({ db: await main() });
  // 01 logs 21 deadlocks, 02 one; 04 refused 4 connections (role limit, reserved slots, 2 × too many clients).
  assert.equal(t.totals.deadlocks, 22);
  assert.equal(t.totals.connections_refused, 4);
  // 03: one lock timeout and one statement timeout; 08: one idle-in-transaction timeout.
  assert.equal(t.totals.timeouts, 3);
  // 05: eleven attempts, nine of which the server logged as a FATAL login failure.
  assert.equal(t.totals.auth_failures, 9);
  assert.equal(t.connections_counted_from, 'connection_received');
  assert.equal(t.totals.entries, t.buckets.reduce((n, b) => n + b.entries, 0));
});

test('run-main: buckets are contiguous, empty ones included, and cover the log', async () => {
  const t = loadTimeline({ db: await main() });
  assert.equal(t.bucket, '1s', '71 s of log: 1 s buckets give 72 rows');
  assert.ok(t.buckets.length >= 40 && t.buckets.length <= 120, `${t.buckets.length} rows`);
  t.buckets.forEach((b, i) => {
    if (i > 0) assert.equal(b.start, t.buckets[i - 1]!.end);
    assert.equal(Date.parse(b.end) - Date.parse(b.start), 1000);
  });
  assert.ok(t.buckets.some((b) => b.entries === 0), 'the quiet seconds of 04 (waiting for pg_sleep_until) are rows too');
  assert.ok(t.buckets[0]!.start <= t.from! && t.buckets.at(-1)!.end > t.to!);
});

test('run-main: notable events are the server life, reloads, the one pg_terminate_backend and the first refusal', async () => {
  const t = loadTimeline({ db: await main() });
  const of = (what: string) => t.events.filter((e) => e.what === what);
  assert.equal(of('startup').length, 2, 'the first start and the restart in 11');
  assert.equal(of('ready').length, 3, 'start, after crash recovery, after the restart');
  assert.equal(of('crash').length, 1);
  assert.equal(of('crash')[0]!.ts, '2026-11-26T17:02:07.269Z', 'kill -9 at 17:02:07.268 by the script');
  assert.equal(of('shut_down').length, 2);
  // The fast shutdown in 10 terminates two sessions "due to administrator command": not terminations by an operator.
  const terminated = of('terminated');
  assert.equal(terminated.length, 1);
  assert.match(terminated[0]!.file, /03-lock-waits\.log$/);
  const refusals = of('refusals');
  assert.ok(refusals.length >= 1);
  assert.equal(refusals.reduce((n, e) => n + e.burst!.count, 0), 4, 'every refusal is in some burst');
  assert.equal(refusals[0]!.ts, '2026-11-26T17:01:33.132Z');
  for (const e of t.events) assert.ok(e.line > 0 && e.entry_id > 0 && e.file.startsWith('samples/run-main/'));
  assert.deepEqual([...t.events].sort((a, b) => a.ts.localeCompare(b.ts)), t.events, 'in time order');
});

test('run-main: lock-wait time is split across buckets without losing any', async () => {
  const path = await main();
  const t = loadTimeline({ db: path });
  const run = await runIngest(logs.filter((f) => f.includes('03-')));
  const total = run.db
    .prepare(`SELECT sum((julianday(end_ts) - julianday(start_ts)) * 86400000) FROM lock_waits`)
    .pluck()
    .get() as number;
  run.db.close();
  const from03 = loadTimeline({ db: path, from: truth.scenarios['03-lock-waits']!.window_utc[0], to: truth.scenarios['03-lock-waits']!.window_utc[1] });
  assert.ok(Math.abs(from03.totals.lock_wait_ms - total) < 5, `${from03.totals.lock_wait_ms} vs ${total}`);
  // A 2.46 s wait of the migration spans three 1 s buckets.
  assert.ok(t.buckets.filter((b) => b.start >= '2026-11-26T17:01:28' && b.start < '2026-11-26T17:01:32' && b.lock_wait_ms > 0).length >= 3);
});

// Counts must not depend on the bucket width: the same entries, differently grouped.
for (const bucket of ['2s', '10s', '1m', '1h']) {
  test(`run-main: --bucket ${bucket} regroups the same totals`, async () => {
    const path = await main();
    const fine = loadTimeline({ db: path });
    const coarse = loadTimeline({ db: path, bucket });
    assert.equal(coarse.bucket, bucket);
    for (const g of GAUGES) assert.ok(Math.abs(coarse.totals[g] - fine.totals[g]) < 1e-6, `${g}: ${coarse.totals[g]} vs ${fine.totals[g]}`);
    assert.deepEqual(coarse.totals.families, fine.totals.families);
    for (const b of coarse.buckets) assert.equal(Date.parse(b.start) % (coarse.bucket_seconds * 1000), 0, 'aligned like a clock');
  });
}

test('03-lock-waits: a store without lock_waits (older versions) gets lock waits from the lock messages', async () => {
  const path = await storeOf(['samples/run-main/03-lock-waits.log']);
  const older = join(tempDir(), 'older.db');
  copyFileSync(path, older);
  const db = new Database(older);
  db.exec('DROP TABLE lock_waits');
  db.close();
  const [derived, fallback] = [loadTimeline({ db: path }), loadTimeline({ db: older })];
  assert.equal(fallback.totals.lock_waits_started, derived.totals.lock_waits_started);
  // Waits ended by a timeout or a cancel end at that entry; acquired ones at the server's own figure.
  assert.ok(Math.abs(fallback.totals.lock_wait_ms - derived.totals.lock_wait_ms) < 50, `${fallback.totals.lock_wait_ms} vs ${derived.totals.lock_wait_ms}`);
});

test('03-lock-waits: the timeline JSON is the same from the .log, .csv and .json files (but for where the evidence is)', async () => {
  const outputs: Timeline[] = [];
  for (const ext of ['log', 'csv', 'json']) {
    const t = loadTimeline({ db: await storeOf([`samples/run-main/03-lock-waits.${ext}`]) });
    for (const e of t.events) assert.ok(e.file.endsWith(`.${ext}`));
    outputs.push(JSON.parse(JSON.stringify(t, (k, v: unknown) => (k === 'file' || k === 'line' ? undefined : v))) as Timeline);
  }
  assert.ok(outputs[0]!.totals.lock_waits_started > 0 && outputs[0]!.events.length > 0, 'something to compare');
  assert.deepEqual(outputs[1], outputs[0]);
  assert.deepEqual(outputs[2], outputs[0]);
});

test('run-main: --from/--to narrow the timeline; the text fits 80 columns', async () => {
  const path = await main();
  const [from, to] = truth.scenarios['04-connection-exhaustion']!.window_utc;
  const t = loadTimeline({ db: path, from, to });
  assert.equal(t.totals.connections_refused, 4);
  assert.equal(t.totals.deadlocks, 0);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  timelineCommand({ db: path, json: false }, out);
  const lines = text.trimEnd().split('\n');
  for (const line of lines) assert.ok([...line].length <= 80, `too wide (${[...line].length}): ${line}`);
  assert.ok(lines.some((l) => /^deadlocks +│.*[▁▂▃▄▅▆▇█].*│ +22$/.test(l)), 'a deadlocks sparkline with its total');
  assert.ok(lines.some((l) => l.startsWith('17:01:16 ')), 'a row per bucket');
});

test('logs of separate times: the grain is chosen for the time they cover, and a stretch without an entry is one line', async () => {
  const alone = loadTimeline({ db: await storeOf(['samples/off-outage/postgresql.log']) });
  const dir = tempDir();
  const later = join(dir, 'later.log');
  writeFileSync(later, '2026-11-26 21:00:00.000 UTC [4242] LOG:  checkpoint starting: time\n');
  const db = await storeOf(['samples/off-outage/postgresql.log', later]);
  const both = loadTimeline({ db });
  assert.equal(both.bucket, alone.bucket);
  assert.deepEqual(both.buckets.slice(0, alone.buckets.length), alone.buckets);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  timelineCommand({ db, json: false }, out);
  const gaps = text.split('\n').filter((l) => l.includes('without an entry'));
  assert.equal(gaps.length, 1, text);
  assert.match(gaps[0]!, /^17:54:\d\d … 3 h \d+ min without an entry, to 21:00:00$/);
  // Every other row of the table is a bucket with something in it.
  const rows = text.split('\n').filter((l) => /^\d\d:\d\d:\d\d  /.test(l));
  assert.ok(rows.length > 0 && rows.every((r) => /\d/.test(r.slice(10))), rows.join('\n'));
});
