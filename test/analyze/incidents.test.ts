/**
 * Incident detection against ground truth: the off-outage sample's pile-up
 * (timed by its clients) and the run-main scenarios (troubled vs quiet ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../helpers/run-ingest.js';
import { loadIncidents } from '../../src/commands/incidents.js';
import type { Incident } from '../../src/analyze/incidents/find-incidents.js';

async function storeOf(inputs: string[]): Promise<string> {
  const run = await runIngest(inputs);
  const path = run.db.name;
  run.db.close();
  return path;
}

const seconds = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 1000;
const overlaps = (i: Incident, [from, to]: readonly [string, string]) => i.start <= to && i.end >= from;

const OFF = 'samples/off-outage';
interface OffTruth {
  pile_up: { start: string; end: string; detection_tolerance_s: number };
  products_relation_oid: number;
  phases: { storm: [string, string] };
  log_counts: { statement_timeout: number; reserved_slots: number; too_many_clients: number; deadlock_detected: number };
}
const offMissing = existsSync(`${OFF}/truth.json`) ? false : `${OFF} is not there (yet)`;

// Table-driven over formats and detection grains: the pile-up must not depend on either.
const offCases: Array<[file: string, bucket: string | undefined]> = [
  ['postgresql.log', undefined], ['postgresql.csv', undefined], ['postgresql.json', undefined],
  ['postgresql.log', '2s'], ['postgresql.log', '5s'], ['postgresql.log', '10s'],
];
for (const [file, bucket] of offCases) {
  test(`off-outage ${file}${bucket ? ` --bucket ${bucket}` : ''}: the pile-up ranks first, within 5 s of the truth at both ends`, { skip: offMissing }, async () => {
    const truth = JSON.parse(readFileSync(`${OFF}/truth.json`, 'utf8')) as OffTruth;
    const report = loadIncidents({ db: await storeOf([`${OFF}/${file}`]), ...(bucket ? { bucket } : {}) });
    const first = report.incidents[0];
    assert.ok(first, 'an incident');
    assert.equal(first.rank, 1);
    const tolerance = truth.pile_up.detection_tolerance_s;
    assert.ok(seconds(first.start, truth.pile_up.start) <= tolerance, `start ${first.start} vs ${truth.pile_up.start}`);
    assert.ok(seconds(first.end, truth.pile_up.end) <= tolerance, `end ${first.end} vs ${truth.pile_up.end}`);
    assert.equal(first.facts.timeouts['statement_timeout'], truth.log_counts.statement_timeout);
    assert.equal(first.facts.refused, truth.log_counts.reserved_slots + truth.log_counts.too_many_clients);
    const refused = truth.log_counts.reserved_slots + truth.log_counts.too_many_clients;
    assert.ok(
      first.headline.startsWith(`${first.facts.lock_waits.sessions} sessions waited `) &&
        first.headline.includes(` s for locks on products; ${refused} connections refused; ${truth.log_counts.statement_timeout} statement timeouts`),
      first.headline,
    );
    assert.ok(first.signals.some((s) => s.signal === 'lock_wait_s'));
    // The deadlock storm before it is an incident of its own, not part of the pile-up.
    const storm = report.incidents.find((i) => i.facts.deadlocks > 0);
    assert.ok(storm && storm !== first, 'the deadlock storm is found apart');
    assert.equal(storm.facts.deadlocks, truth.log_counts.deadlock_detected);
    assert.ok(overlaps(storm, truth.phases.storm));
  });
}

test('off-outage with a log of three hours later: the same incidents, found with the same buckets (the gap is no time the log covers)', { skip: offMissing }, async () => {
  const alone = loadIncidents({ db: await storeOf([`${OFF}/postgresql.log`]) });
  const dir = mkdtempSync(join(tmpdir(), 'pgautopsy-gap-'));
  try {
    const later = join(dir, 'later.log');
    writeFileSync(later, '2026-11-26 21:00:00.000 UTC [4242] LOG:  checkpoint starting: time\n');
    const both = loadIncidents({ db: await storeOf([`${OFF}/postgresql.log`, later]) });
    assert.equal(both.bucket, alone.bucket);
    const spans = (r: typeof alone) => r.incidents.map((i) => [i.start, i.end, i.headline]);
    assert.deepEqual(spans(both), spans(alone));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface MainTruth { scenarios: Record<string, { window_utc: [string, string] }> }
const main = JSON.parse(readFileSync('samples/run-main/truth.json', 'utf8')) as MainTruth;
const window = (scenario: string) => main.scenarios[scenario]!.window_utc;
const logs = readdirSync('samples/run-main').filter((f) => f.endsWith('.log')).sort().map((f) => `samples/run-main/${f}`);

test('run-main: the troubled scenarios are incidents, the quiet ones are not', async () => {
  const { incidents } = loadIncidents({ db: await storeOf(logs) });
  const troubled: Array<[scenario: string, check: (i: Incident) => boolean]> = [
    ['01-deadlock-2proc', (i) => i.facts.deadlocks === 21],
    ['02-deadlock-3proc', (i) => i.facts.deadlocks === 1 && i.facts.lock_waits.sessions === 2],
    ['03-lock-waits', (i) => i.facts.lock_waits.wait_ms > 2000],
    ['04-connection-exhaustion', (i) => i.facts.refused > 0],
    ['05-auth-failures', (i) => i.facts.failed_logins === 9],
    ['09-crash-recovery', (i) => i.crashes.length === 1],
  ];
  for (const [scenario, check] of troubled) {
    assert.ok(incidents.some((i) => overlaps(i, window(scenario)) && check(i)), `${scenario}: ${JSON.stringify(incidents.map((i) => [i.start, i.headline]))}`);
  }
  for (const quiet of ['00-setup', '06-slow-statements', '07-temp-checkpoint-autovacuum', '11-restart-shutdown']) {
    const found = incidents.filter((i) => overlaps(i, window(quiet)));
    assert.deepEqual(found.map((i) => i.headline), [], quiet);
  }
  // No incident spans two scenarios: each is bounded by its own events, not by bucket edges.
  for (const i of incidents) {
    const touched = Object.keys(main.scenarios).filter((s) => overlaps(i, window(s)));
    assert.equal(touched.length, 1, `${i.headline} touches ${touched.join(', ')}`);
  }
});

test('run-main: a crash is an incident from the crash to ready again, and ranks are by score', async () => {
  const { incidents } = loadIncidents({ db: await storeOf(logs) });
  const crash = incidents.find((i) => i.crashes.length > 0)!;
  assert.equal(crash.start, '2026-11-26T17:02:07.269Z');
  assert.equal(crash.end, crash.crashes[0]!.recovered_ts);
  assert.match(crash.headline, /^crash: server process \(PID 28680\) was terminated by signal 9/);
  assert.deepEqual(incidents.map((i) => i.rank), incidents.map((_, n) => n + 1));
  for (let n = 1; n < incidents.length; n++) assert.ok(incidents[n - 1]!.score >= incidents[n]!.score);
  // The deadlock scenario starts when its first deadlock's waits began, not at its first ERROR.
  const deadlocks = incidents.find((i) => i.facts.deadlocks === 21)!;
  assert.equal(deadlocks.start, '2026-11-26T17:01:09.784Z');
});
