/**
 * The Open Food France–style outage from a real server: blocking chain and postmortem,
 * against what the scenario script recorded, from the stderr, csv and json logs alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { runIngest } from '../helpers/run-ingest.js';
import { loadBlockers } from '../../src/commands/blockers.js';
import { loadIncidents } from '../../src/commands/incidents.js';
import { reportCommand } from '../../src/commands/report.js';

interface Truth {
  pile_up: { start: string; end: string };
  actors: { stuck_job: { pid: number; application_name: string }; migration: { pid: number; application_name: string } };
  log_counts: Record<string, number>;
}
const truth = JSON.parse(readFileSync('samples/off-outage/truth.json', 'utf8')) as Truth;

for (const ext of ['log', 'csv', 'json']) {
  test(`${ext}: blockers and report name the stuck job as root and the migration as the next link`, async () => {
    const run = await runIngest([`samples/off-outage/postgresql.${ext}`]);
    const db = run.db.name;
    const count = (kind: string) => run.db.prepare('SELECT count(*) FROM entries WHERE kind = ?').pluck().get(kind) as number;
    const deadlocks = count('deadlock');
    const timeouts = count('statement_timeout');
    const refused = count('reserved_slots') + count('too_many_clients');
    run.db.close();
    assert.deepEqual([deadlocks, timeouts, refused], [truth.log_counts.deadlock_detected, truth.log_counts.statement_timeout, truth.log_counts.reserved_slots! + truth.log_counts.too_many_clients!]);

    const incidents = loadIncidents({ db }).incidents;
    const first = incidents[0]!;
    const seconds = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 1000;
    assert.ok(seconds(first.start, truth.pile_up.start) <= 5 && seconds(first.end, truth.pile_up.end) <= 5, `${first.start} → ${first.end}`);

    const trees = loadBlockers({ db, from: first.start, to: first.end }).trees;
    const top = trees[0]!;
    assert.equal(top.root.pid, truth.actors.stuck_job.pid);
    assert.equal(top.root.application_name, truth.actors.stuck_job.application_name);
    assert.match(top.root.ended.how, /terminated by an administrator/);
    assert.deepEqual(top.waiters.map((w) => w.pid), [truth.actors.migration.pid]);
    assert.equal(top.waiters[0]!.mode, 'AccessExclusiveLock');
    assert.ok(top.waiters[0]!.waiters.length > 50, 'web requests queued behind the migration');

    const out = new PassThrough();
    out.resume();
    const md = reportCommand({ db, format: 'md', redact: false }, out, (path) => loadIncidents({ db: path }).incidents);
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Timeline'));
    assert.match(summary, new RegExp(`Most likely root cause: pid ${truth.actors.stuck_job.pid} \\(delayed_job\\)`));
    assert.match(summary, new RegExp(`next link: pid ${truth.actors.migration.pid} \\(rails_migration\\) waiting AccessExclusiveLock for ALTER TABLE products`));
    assert.match(summary, new RegExp(`Evidence: samples/off-outage/postgresql\\.${ext}:\\d+`));
    assert.match(summary, new RegExp(`${timeouts} statement timeouts`));
    assert.match(summary, new RegExp(`${refused} refused connections`));
    assert.match(summary, new RegExp(`${deadlocks} deadlocks`), 'the deadlock storm before the pile-up is counted');
  });
}
