/**
 * The report's counts, histogram and applications table are read from the timeline's
 * per-second table and from indexes; here they are checked against the plain reading
 * (one GROUP BY over the window's entries, as the report once did) on real samples,
 * in windows whose edges cut seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { windowCounts } from '../../src/report/window-counts.js';
import { applications } from '../../src/report/breakdowns.js';
import type { Window } from '../../src/report/store-queries.js';

const WINDOW_ENTRIES = `(SELECT e.* FROM entries e JOIN files f ON f.id = e.file_id
  WHERE f.mirror_of IS NULL AND (@from IS NULL OR e.ts >= @from) AND (@to IS NULL OR e.ts <= @to))`;
const REFUSED = "'too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db'";

/** The counts as one pass over the window's entries gives them. */
function plainCounts(db: Database.Database, w: Window): Record<string, number> {
  const kind = (...kinds: string[]) =>
    db.prepare(`SELECT count(*) FROM ${WINDOW_ENTRIES} WHERE kind IN (${kinds.map((k) => `'${k}'`).join(', ')})`).pluck().get(w) as number;
  const severity = (s: string) => db.prepare(`SELECT count(*) FROM ${WINDOW_ENTRIES} WHERE severity = ?`).pluck().get(s, w) as number;
  return {
    entries: db.prepare(`SELECT count(*) FROM ${WINDOW_ENTRIES}`).pluck().get(w) as number,
    errors: severity('ERROR'),
    fatals: severity('FATAL'),
    panics: severity('PANIC'),
    deadlocks: kind('deadlock'),
    statement_timeouts: kind('statement_timeout'),
    lock_timeouts: kind('lock_timeout', 'lock_not_available'),
    idle_timeouts: kind('idle_in_transaction_timeout', 'idle_session_timeout', 'transaction_timeout'),
    canceled: kind('user_cancel'),
    terminated: kind('admin_terminated'),
    refused_connections: kind(...REFUSED.replace(/'/g, '').split(', ')),
    auth_failures: kind('auth_failed', 'auth_timeout', 'no_hba_entry', 'hba_reject', 'role_missing', 'database_missing', 'login_refused'),
    crashes: kind('server_crash'),
    slow_statements: kind('duration'),
  };
}

/** Per bar of `seconds` from `origin` (seconds since the epoch): errors, deadlocks and refusals. */
function plainBars(db: Database.Database, w: Window, origin: number, seconds: number): Map<number, [number, number, number]> {
  const rows = db
    .prepare(
      `SELECT (CAST(strftime('%s', ts) AS INTEGER) - ${origin}) / ${seconds} AS b, sum(severity IN ('ERROR', 'FATAL', 'PANIC')) AS errors,
              sum(kind = 'deadlock') AS deadlocks, sum(kind IN (${REFUSED})) AS refused
         FROM ${WINDOW_ENTRIES} GROUP BY b`,
    )
    .all(w) as Array<{ b: number; errors: number; deadlocks: number; refused: number }>;
  return new Map(rows.map((r) => [r.b, [r.errors, r.deadlocks, r.refused]]));
}

/**
 * The applications table as one GROUP BY over the window's entries gives it, as
 * "application column value" lines for the values that are not 0; the sessions (opened
 * in the window) from the sessions table.
 */
function plainApplications(db: Database.Database, w: Window): string[] {
  const rows = db
    .prepare(
      `SELECT coalesce(application_name, '(none)') AS application,
              sum(kind = 'duration') AS statements, sum(severity IN ('ERROR', 'FATAL', 'PANIC')) AS errors, sum(kind = 'deadlock') AS deadlocks,
              sum(kind IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_timeout', 'idle_session_timeout')) AS timeouts,
              sum(kind IN (${REFUSED})) AS refused
         FROM ${WINDOW_ENTRIES} WHERE pid IS NOT NULL AND (application_name IS NOT NULL OR user_name IS NOT NULL) GROUP BY 1`,
    )
    .all(w) as Array<Record<string, string | number>>;
  const sessions = db
    .prepare(
      `SELECT coalesce(application_name, '(none)') AS application, count(*) AS sessions FROM sessions
        WHERE authorized = 1 AND (application_name IS NOT NULL OR user_name IS NOT NULL) AND (@from IS NULL OR start_ts >= @from) AND (@to IS NULL OR start_ts <= @to) GROUP BY 1`,
    )
    .all(w) as Array<Record<string, string | number>>;
  return nonZero([...rows, ...sessions]);
}

const nonZero = (rows: ReadonlyArray<object>): string[] =>
  rows
    .flatMap((r) => Object.entries(r).filter(([k, v]) => k !== 'application' && typeof v === 'number' && v > 0).map(([k, v]) => `${(r as { application: string }).application} ${k} ${v}`))
    .sort();

/** Every scenario of the main run, one of them twice (its csvlog mirrors its stderr log, and counts once), and the outage. */
const samples = [
  ...readdirSync('samples/run-main').filter((f) => f.endsWith('.log')).map((f) => `samples/run-main/${f}`),
  'samples/run-main/01-deadlock-2proc.csv',
  'samples/off-outage/postgresql.log',
];

test('report counts, histogram and applications equal one pass over the entries, whole log and windows that cut seconds', async () => {
  // Refusals while the server starts are no exhaustion: a hand-written log has both kinds.
  const dir = tempDir();
  writeFileSync(
    join(dir, 'refusals.log'),
    [
      '2026-11-26 17:52:30.500 UTC [900] FATAL:  the database system is starting up',
      '2026-11-26 17:52:30.600 UTC [901] app@shop FATAL:  sorry, too many clients already',
      '',
    ].join('\n'),
  );
  const run = await runIngest([...samples, join(dir, 'refusals.log')]);
  const db = run.db;
  const range = db.prepare('SELECT min(ts) AS first, max(ts) AS last FROM entries').get() as { first: string; last: string };
  const at = (fraction: number) => new Date(Date.parse(range.first) + fraction * (Date.parse(range.last) - Date.parse(range.first)) + 0.37).toISOString();
  const windows: Window[] = [
    { from: range.first, to: range.last },
    { from: at(0.1), to: at(0.9) },
    { from: at(0.42), to: at(0.43) },
    { from: at(0.5), to: at(0.5) },
    { from: '2026-11-26T17:51:00.123Z', to: '2026-11-26T17:55:00.456Z' },
  ];
  let checkedBars = 0;
  for (const w of windows) {
    const got = windowCounts(db, w);
    const { lock_waits: _n, lock_wait_seconds: _s, ...counts } = got.counts;
    assert.deepEqual(counts, plainCounts(db, w), `counts in ${w.from} → ${w.to}`);
    const origin = Math.floor(Date.parse(w.from!) / 1000 / got.bucket_seconds) * got.bucket_seconds;
    const bars = plainBars(db, w, origin, got.bucket_seconds);
    got.histogram.forEach((bar, i) => {
      assert.equal(bar.start, new Date((origin + i * got.bucket_seconds) * 1000).toISOString());
      assert.deepEqual([bar.errors, bar.deadlocks, bar.refused], bars.get(i) ?? [0, 0, 0], `bar ${bar.start} of ${w.from} → ${w.to}`);
      checkedBars += bars.has(i) ? 1 : 0;
    });
    const apps = applications(db, w).map(({ application, sessions, statements, errors, deadlocks, timeouts, refused }) => ({ application, sessions, statements, errors, deadlocks, timeouts, refused }));
    assert.deepEqual(nonZero(apps), plainApplications(db, w), `applications in ${w.from} → ${w.to}`);
  }
  assert.ok(checkedBars > 20, `${checkedBars} bars with entries checked`);
  db.close();
});

test('the applications table lists an application that was only connected in the window', async () => {
  const run = await runIngest(['samples/run-main/03-lock-waits.log']);
  const db = run.db;
  const withSessions = new Set(db.prepare("SELECT DISTINCT application_name FROM sessions WHERE application_name IS NOT NULL").pluck().all() as string[]);
  const listed = new Set(applications(db, { from: null, to: null }).map((a) => a.application));
  for (const app of withSessions) assert.ok(listed.has(app), `${app} is listed`);
  db.close();
});

test('a store whose entries have no time: the counts come from one pass, without a histogram', async () => {
  const dir = tempDir();
  const log = join(dir, 'untimed.log');
  writeFileSync(
    log,
    [
      '[100] LOG:  duration: 5.000 ms  statement: SELECT 1;',
      '[101] ERROR:  deadlock detected',
      '[101] DETAIL:  Process 101 waits for ShareLock on transaction 7; blocked by process 100.',
      '[102] FATAL:  sorry, too many clients already',
      '[103] ERROR:  canceling statement due to statement timeout',
      '[104] FATAL:  the database system is starting up',
      '',
    ].join('\n'),
  );
  const run = await runIngest([log], { prefix: '[%p] ' });
  const got = windowCounts(run.db, { from: null, to: null });
  assert.deepEqual(got.histogram, []);
  const { lock_waits: _n, lock_wait_seconds: _s, ...counts } = got.counts;
  assert.deepEqual(counts, plainCounts(run.db, { from: null, to: null }));
  assert.deepEqual([counts.entries, counts.deadlocks, counts.refused_connections, counts.statement_timeouts, counts.slow_statements], [5, 1, 1, 1, 1]);
  run.db.close();
});
