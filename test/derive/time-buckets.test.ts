/**
 * `time_buckets` against the entries it counts: its one-second rows equal a GROUP BY
 * over the (non-mirrored) entries, its coarser rows sum them, and the histogram,
 * timeline and connections figures read from it (and from `connection_counts`)
 * equal those read from the entries
 * alone, for frames whose edges fall mid-second and for every bucket width.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadFrame } from '../../src/analyze/timeline/bucket-frame.js';
import { buildTimeline } from '../../src/analyze/timeline/build-timeline.js';
import { countEntries } from '../../src/analyze/timeline/entry-counts.js';
import { loadWaitSpread } from '../../src/analyze/timeline/frame-waits.js';
import { ROW_WIDTHS } from '../../src/derive/timeline/time-bucket-schema.js';
import { loadConnections } from '../../src/tui/data/connections-data.js';
import { walkSessionLengths } from '../../src/derive/sessions/session-lengths.js';
import { loadHistogram } from '../../src/tui/data/histogram-data.js';
import type { TimeWindow } from '../../src/util/time-arg.js';
import { storeWithAndWithout } from '../helpers/run-ingest.js';

const RUN_MAIN = readdirSync('samples/run-main').filter((f) => f.endsWith('.log')).map((f) => `samples/run-main/${f}`);
const STORES: Array<[string, string[]]> = [
  // The csv mirrors the stderr log of 03: its entries must be counted once.
  ['run-main (+ a csv mirror)', [...RUN_MAIN, 'samples/run-main/03-lock-waits.csv']],
  ['off-outage', ['samples/off-outage/postgresql.log']],
];

/** The store, and a copy without `time_buckets` (so readers take the entries' way). */
async function stores(inputs: string[]): Promise<{ withTable: Database.Database; without: Database.Database }> {
  return storeWithAndWithout(inputs, 'DROP TABLE time_buckets; DROP TABLE connection_counts');
}

for (const [name, inputs] of STORES) {
  test(`time_buckets (${name}): one-second rows are a GROUP BY over the entries, coarser rows their sums`, async () => {
    const { withTable: db, without } = await stores(inputs);
    const expected = db
      .prepare(
        `SELECT CAST(strftime('%s', ts) AS INTEGER) AS start_sec, count(*) AS entries,
                sum(severity = 'WARNING') AS warnings, sum(severity = 'ERROR') AS errors, sum(severity IN ('FATAL', 'PANIC')) AS fatals,
                sum(kind = 'deadlock') AS deadlocks, sum(kind = 'duration') AS slow_statements,
                sum(kind = 'connection_received') AS connections_received, sum(family = 'lock') AS family_lock,
                coalesce(sum(CASE WHEN kind = 'duration' THEN round(CAST(substr(message, 11) AS REAL) * 1000) END), 0) AS slow_statement_us
           FROM entries WHERE ts IS NOT NULL AND file_id NOT IN (SELECT id FROM files WHERE mirror_of IS NOT NULL)
          GROUP BY start_sec ORDER BY start_sec`,
      )
      .all();
    const got = db
      .prepare(
        `SELECT start_sec, entries, warnings, errors, fatals, deadlocks, slow_statements, connections_received, family_lock, slow_statement_us
           FROM time_buckets WHERE width = 1 AND entries > 0 ORDER BY start_sec`,
      )
      .all();
    assert.ok(expected.length > 10);
    assert.deepEqual(got, expected);
    const waitMs = db.prepare(`SELECT sum(lock_wait_ms) FROM time_buckets WHERE width = 1`).pluck().get() as number;
    const episodesMs = db
      .prepare(`SELECT sum(max(0, (julianday(coalesce(end_ts, reported_ts, start_ts)) - julianday(start_ts)) * 86400000)) FROM lock_waits WHERE start_ts IS NOT NULL`)
      .pluck()
      .get() as number | null;
    assert.ok(Math.abs(waitMs - (episodesMs ?? 0)) < 1, `${waitMs} ms spread, ${episodesMs} ms of episodes`);
    for (const w of ROW_WIDTHS.filter((x) => x > 1)) {
      const sums = (width: number, size: number) =>
        db.prepare(`SELECT start_sec / ${size} AS b, sum(entries), sum(errors), sum(lock_wait_ms), sum(slow_statement_us) FROM time_buckets WHERE width = ? GROUP BY b ORDER BY b`).raw(true).all(width);
      assert.deepEqual(sums(w, w), sums(1, w), `width ${w}`);
    }
    db.close();
    without.close();
  });

  test(`time_buckets (${name}): histogram, timeline, wait spread and connections equal the entries' own, at every width and odd edges`, async () => {
    const { withTable: db, without } = await stores(inputs);
    const span = db.prepare('SELECT min(ts) AS first, max(ts) AS last FROM entries').get() as { first: string; last: string };
    const at = (fraction: number, plusMs = 0) => new Date(Date.parse(span.first) + fraction * (Date.parse(span.last) - Date.parse(span.first)) + plusMs).toISOString();
    const windows: TimeWindow[] = [
      {},
      { from: at(0.2), to: at(0.7) },
      { from: at(0.1, 0.5), to: at(0.9, 0.25) },
      { from: new Date(Math.floor(Date.parse(at(0.3)) / 1000) * 1000).toISOString(), to: new Date(Math.floor(Date.parse(at(0.6)) / 1000) * 1000 + 999).toISOString() },
      { from: at(0.5), to: at(0.5, 1500) },
      { from: at(0.5), to: at(0.5, 300) },
    ];
    for (const window of windows) {
      assert.deepEqual(loadConnections(db, window), loadConnections(without, window), `connections ${JSON.stringify(window)}`);
      if (window.from === undefined && window.to === undefined) {
        // The whole log takes the session lengths the derive pass stored; the duration index gives the same, and a window around everything sorts them.
        const everything = { from: '0000', to: '9999' };
        const stored = db.prepare('SELECT sessions, median_ms, p95_ms, max_ms FROM session_lengths').all();
        assert.deepEqual(stored, [walkSessionLengths(db)]);
        assert.ok(loadConnections(db, window).sessions!.sessions > 0);
        assert.deepEqual(loadConnections(db, window).sessions, loadConnections(db, everything).sessions);
        assert.deepEqual(loadConnections(db, window).sessions, stored[0]);
      }
      for (const size of [undefined, 1, 2, 5, 10, 30, 60, 120, 3600]) {
        const frame = loadFrame(db, window, size);
        const label = `${JSON.stringify(window)} at ${size ?? 'auto'} s`;
        if (frame === null) continue;
        assert.deepEqual(countEntries(db, frame).buckets.map(roundMs), countEntries(without, frame).buckets.map(roundMs), `counts ${label}`);
        assert.deepEqual(loadWaitSpread(db, frame), loadWaitSpread(without, frame), `waits ${label}`);
        assert.deepEqual(loadHistogram(db, window, size), loadHistogram(without, window, size), `histogram ${label}`);
        const opts = size === undefined ? { window } : { window, bucketSeconds: size };
        assert.deepEqual(buildTimeline(db, opts).timeline, buildTimeline(without, opts).timeline, `timeline ${label}`);
      }
    }
    db.close();
    without.close();
  });
}

function roundMs<T extends { gauges: { slow_statement_ms: number } }>(c: T): T {
  return { ...c, gauges: { ...c.gauges, slow_statement_ms: Math.round(c.gauges.slow_statement_ms * 1000) / 1000 } };
}
