/**
 * The top-queries figures read from `statement_buckets` (whole minutes and hours, the
 * edges from `statements`) against a plain GROUP BY over the window's statements
 * (executions counted by source), and over the whole log against statement_shapes, on
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

interface Grouped {
  fingerprint: string;
  normalized: string;
  logged: number;
  timed: number;
  timed_us: number;
  timed_max: number | null;
  planned: number;
  planned_us: number;
  planned_max: number | null;
  errors: number;
}

/**
 * The plain GROUP BY, executions counted by source as statement_shapes counts them:
 * log_statement lines, duration lines, auto_explain plans; the times the duration
 * lines', the plans' for a shape no duration line timed. Totals in whole
 * microseconds (the log's precision) so that they are exact.
 */
function groupBy(window: TimeWindow): Array<Omit<QueryStats, 'p95_ms'>> {
  const rows = db
    .prepare(
      `SELECT fingerprint, max(normalized) AS normalized,
              sum(phase IN ('statement', 'execute', 'none') AND duration_ms IS NULL) AS logged,
              sum(phase IN ('statement', 'execute', 'none') AND duration_ms IS NOT NULL) AS timed,
              coalesce(sum(CASE WHEN phase IN ('statement', 'execute', 'none') THEN CAST(round(duration_ms * 1000) AS INTEGER) END), 0) AS timed_us,
              max(CASE WHEN phase IN ('statement', 'execute', 'none') THEN duration_ms END) AS timed_max,
              sum(phase = 'plan' AND duration_ms IS NOT NULL) AS planned,
              coalesce(sum(CASE WHEN phase = 'plan' THEN CAST(round(duration_ms * 1000) AS INTEGER) END), 0) AS planned_us,
              max(CASE WHEN phase = 'plan' THEN duration_ms END) AS planned_max,
              sum(phase = 'error') AS errors
         FROM statements WHERE fingerprint IS NOT NULL AND ts >= @from AND ts <= @to
        GROUP BY fingerprint`,
    )
    .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as Grouped[];
  const stats = rows.map((r) => {
    const [n, us, max] = r.timed > 0 || r.planned === 0 ? [r.timed, r.timed_us, r.timed_max] : [r.planned, r.planned_us, r.planned_max];
    return {
      fingerprint: r.fingerprint,
      normalized: r.normalized,
      count: Math.max(r.logged, r.timed, r.planned),
      total_ms: us / 1000,
      mean_ms: n === 0 ? null : us / n / 1000,
      max_ms: max,
      errors: r.errors,
    };
  });
  stats.sort((a, b) => b.total_ms - a.total_ms || b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : 1));
  return stats.slice(0, 200);
}

function exactP95(window: TimeWindow, fingerprint: string): number | null {
  const d = db
    .prepare(`SELECT duration_ms FROM statements WHERE fingerprint = ? AND phase IN ('statement', 'execute', 'none') AND duration_ms IS NOT NULL AND ts >= ? AND ts <= ? ORDER BY duration_ms`)
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
      db.prepare(`SELECT start_sec / 3600 AS h, fingerprint, sum(logged), sum(timed), sum(total_us), max(max_ms), sum(planned), sum(planned_us), max(planned_max_ms), sum(errors)
                    FROM statement_buckets WHERE width = ? GROUP BY h, fingerprint ORDER BY h, fingerprint`).raw(true).all(width);
    assert.deepEqual(sums(3600), sums(60));
  });

  it('over the whole log, executions, times and errors are statement_shapes\' (counted the same way, elsewhere)', () => {
    const shapes = db.prepare(`SELECT fingerprint, calls AS count, total_ms, mean_ms, max_ms, errors FROM statement_shapes`).all() as Array<Omit<QueryStats, 'p95_ms' | 'normalized'>>;
    const byFp = new Map(shapes.map((r) => [r.fingerprint, r]));
    const got = loadTopQueries(db, {})!;
    assert.ok(got.some((q) => q.count < (db.prepare(`SELECT count(*) FROM statements WHERE fingerprint = ?`).pluck().get(q.fingerprint) as number)), 'some shape has more rows than executions');
    for (const q of got) {
      const s = byFp.get(q.fingerprint)!;
      assert.equal(q.count, s.count, q.normalized);
      assert.equal(q.errors, s.errors, q.normalized);
      assert.equal(q.max_ms, s.max_ms, q.normalized);
      assert.ok(Math.abs(q.total_ms - (s.total_ms ?? 0)) < 1e-6 * Math.max(1, q.total_ms), `${q.normalized}: ${q.total_ms} vs ${s.total_ms}`);
    }
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
      d.prepare(`SELECT width, start_sec, b.fingerprint, v.normalized, logged, timed, total_us, max_ms, durations, planned, planned_us, planned_max_ms, errors
                   FROM statement_buckets b JOIN statement_variants v ON v.id = b.variant_id ORDER BY width, start_sec, b.fingerprint`).raw(true).all();
    assert.deepEqual(rows(rebuilt), rows(db));
    rebuilt.close();
  });
});
