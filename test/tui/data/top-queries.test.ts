/**
 * The top-queries figures read from `statement_buckets` (whole minutes and hours, the
 * edges from `statements`) against a plain GROUP BY over the window's statements, on
 * the samples' store, for the whole log and for windows with ragged edges; the same
 * store without the table (the way older stores take); and the p95 against the
 * exact one, within the histogram's bound.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { QUANTILE_ERROR } from '../../../src/derive/statements/duration-histogram.js';
import { rebuildStatementBuckets } from '../../../src/derive/statements/rebuild-statement-buckets.js';
import { loadTopQueries, type QueryStats } from '../../../src/tui/data/top-queries-data.js';
import type { TimeWindow } from '../../../src/util/time-arg.js';
import { storeWithAndWithout } from '../../helpers/run-ingest.js';

// Statements of every phase (pgbench's durations, slow statements, errors), over an hour, with csv/json mirrors.
const INPUTS = ['samples/run-main', 'samples/off-outage/postgresql.log', 'samples/bench-seed/pgbench.log.gz'];

let db: Database.Database;
let without: Database.Database;
let dir: string;
before(async () => {
  ({ dir, withTable: db, without } = await storeWithAndWithout(INPUTS, 'DROP TABLE statement_buckets'));
});
after(() => {
  db.close();
  without.close();
});

interface Grouped { fingerprint: string; normalized: string; count: number; total_us: number; timed: number; max_ms: number | null; errors: number }

/** The plain GROUP BY, totals in whole microseconds (the log's precision) so that they are exact. */
function groupBy(window: TimeWindow): Array<Omit<QueryStats, 'p95_ms'>> {
  const rows = db
    .prepare(
      `SELECT fingerprint, max(normalized) AS normalized, count(*) AS count, coalesce(sum(CAST(round(duration_ms * 1000) AS INTEGER)), 0) AS total_us,
              count(duration_ms) AS timed, max(duration_ms) AS max_ms, sum(CASE WHEN phase = 'error' OR sqlstate IS NOT NULL THEN 1 ELSE 0 END) AS errors
         FROM statements WHERE fingerprint IS NOT NULL AND ts >= @from AND ts <= @to
        GROUP BY fingerprint ORDER BY total_us DESC, count DESC, fingerprint LIMIT 200`,
    )
    .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as Grouped[];
  return rows.map(({ total_us, timed, ...r }) => ({ ...r, total_ms: total_us / 1000, mean_ms: timed === 0 ? null : total_us / timed / 1000 }));
}

function exactP95(window: TimeWindow, fingerprint: string): number | null {
  const d = db
    .prepare(`SELECT duration_ms FROM statements WHERE fingerprint = ? AND duration_ms IS NOT NULL AND ts >= ? AND ts <= ? ORDER BY duration_ms`)
    .pluck()
    .all(fingerprint, window.from ?? '', window.to ?? '\uffff') as number[];
  return d.length === 0 ? null : d[Math.min(d.length - 1, Math.ceil(d.length * 0.95) - 1)]!;
}

const WINDOWS: Array<[string, TimeWindow]> = [
  ['whole log', {}],
  ['minutes with ragged edges', { from: '2026-11-26T17:01:10.250Z', to: '2026-11-26T17:53:30.5Z' }],
  ['the hour and ragged minutes around it', { from: '2026-11-26T16:58:59.999Z', to: '2026-11-26T18:00:00.001Z' }],
  ['within pgbench, mid-second edges', { from: '2026-11-26T17:03:36.5Z', to: '2026-11-26T17:03:44.25Z' }],
  ['one edge inside a minute, the other on its boundary', { from: '2026-11-26T17:03:00.000Z', to: '2026-11-26T17:03:40.120Z' }],
  ['whole minutes exactly', { from: '2026-11-26T17:01:00.000Z', to: '2026-11-26T17:03:59.999Z' }],
  ['from only', { from: '2026-11-26T17:03:40.333Z' }],
  ['to only', { to: '2026-11-26T17:03:40.333Z' }],
  ['no statements', { from: '2026-11-26T12:00:00.000Z', to: '2026-11-26T12:30:00.000Z' }],
];

describe('loadTopQueries', () => {
  for (const [label, window] of WINDOWS) {
    it(`${label}: counts, totals, means, max and errors equal the plain GROUP BY, with or without statement_buckets`, () => {
      const got = loadTopQueries(db, window)!;
      const expected = groupBy(window);
      if (label !== 'no statements') assert.ok(expected.length > 0, 'the window has statements');
      assert.deepEqual(got.map(({ p95_ms: _p, ...r }) => r), expected);
      assert.deepEqual(loadTopQueries(without, window), got);
    });

    it(`${label}: the p95 is within ${QUANTILE_ERROR * 100} % of the exact one`, () => {
      for (const q of loadTopQueries(db, window)!) {
        const exact = exactP95(window, q.fingerprint);
        if (exact === null) assert.equal(q.p95_ms, null);
        else assert.ok(Math.abs(q.p95_ms! - exact) <= exact * QUANTILE_ERROR, `${q.fingerprint}: ≈${q.p95_ms} for ${exact}`);
      }
    });
  }

  it('the window sums use the table: hour rows and minute rows both, and the hour rows sum the minutes', () => {
    const widths = db.prepare('SELECT width, count(*) AS n FROM statement_buckets GROUP BY width').all();
    assert.deepEqual(widths.map((w) => (w as { width: number }).width), [60, 3600]);
    const sums = (width: number) =>
      db.prepare(`SELECT start_sec / 3600 AS h, fingerprint, sum(calls), sum(timed), sum(total_us), max(max_ms), sum(errors) FROM statement_buckets WHERE width = ? GROUP BY h, fingerprint ORDER BY h, fingerprint`).raw(true).all(width);
    assert.deepEqual(sums(3600), sums(60));
  });

  it('a store without statements says so (null)', () => {
    const path = join(dir, 'none.db');
    copyFileSync(join(dir, 'plain.db'), path);
    const bare = new Database(path);
    bare.exec('DROP VIEW statements');
    assert.equal(loadTopQueries(bare, {}), null);
    bare.close();
  });
});

describe('rebuildStatementBuckets', () => {
  it('writes from the stored statements the rows the derive pass wrote', () => {
    const path = join(dir, 'rebuilt.db');
    copyFileSync(join(dir, 'plain.db'), path);
    const rebuilt = new Database(path);
    assert.ok(rebuildStatementBuckets(rebuilt) > 0);
    const rows = (d: Database.Database) =>
      d.prepare(`SELECT width, start_sec, b.fingerprint, v.normalized, calls, timed, total_us, max_ms, errors, durations
                   FROM statement_buckets b JOIN statement_variants v ON v.id = b.variant_id ORDER BY width, start_sec, b.fingerprint`).raw(true).all();
    assert.deepEqual(rows(rebuilt), rows(db));
    rebuilt.close();
  });
});
