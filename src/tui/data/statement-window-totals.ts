/**
 * Per fingerprint, the totals of the statements in a window (src/derive/statements/
 * statement-totals.ts). From `statement_buckets` when the store has it: the whole
 * minutes and hours of the window are summed from its rows, the partial minutes at
 * the window's edges read from `statements`, so the figures are those of a GROUP BY
 * over the window's statements. The histograms of the table's rows are read only
 * for the fingerprints asked for (addBucketDurations), as the screen lists a few.
 */
import { coverRange, secondIso, wholeMinutes, type RangePart } from '../../analyze/timeline/cover-range.js';
import { addEncodedHistogram } from '../../derive/statements/duration-histogram.js';
import { STATEMENT_BUCKET_WIDTHS } from '../../derive/statements/statement-buckets-schema.js';
import { addStatement, emptyTotals, mergeTotals, type StatementTotals } from '../../derive/statements/statement-totals.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';

export type TotalsByFingerprint = Map<string, StatementTotals>;

/** [lo, hi] (or [lo, hi) when `open`); unbounded on a side left out. */
interface Range { lo?: string; hi?: string; open?: boolean }

type StatementRow = [fingerprint: string, normalized: string, phase: string, durationMs: number | null];

/**
 * The statements in `range`, added to `into`. Two bounds at most, so that SQLite walks
 * `entries (ts)` over the range; none for the whole log, so that it reads the
 * statements rather than every entry (1.4 M of 10 M in the bench: 6–10 s → 5 s).
 */
export function addRowTotals(db: Store, range: Range, into: TotalsByFingerprint): void {
  const bounds = [
    range.lo === undefined ? 'ts IS NOT NULL' : 'ts >= @lo',
    ...(range.hi === undefined ? [] : [`ts ${range.open === true ? '<' : '<='} @hi`]),
  ];
  const rows = db
    .prepare(`SELECT fingerprint, normalized, phase, duration_ms FROM statements WHERE fingerprint IS NOT NULL AND ${bounds.join(' AND ')}`)
    .raw(true);
  const params = { ...(range.lo === undefined ? {} : { lo: range.lo }), ...(range.hi === undefined ? {} : { hi: range.hi }) };
  for (const [fp, normalized, phase, ms] of rows.iterate(params) as IterableIterator<StatementRow>) {
    let t = into.get(fp);
    if (t === undefined) into.set(fp, (t = emptyTotals(normalized)));
    addStatement(t, normalized, phase, ms);
  }
}

interface SumRow {
  fingerprint: string;
  normalized: string;
  logged: number;
  timed: number;
  total_us: number;
  max_ms: number | null;
  planned: number;
  planned_us: number;
  planned_max_ms: number | null;
  errors: number;
}

export interface WindowTotals {
  totals: TotalsByFingerprint;
  /** The table rows summed (durations not yet added), for addBucketDurations. */
  parts: RangePart[];
}

export function bucketWindowTotals(db: Store, window: TimeWindow): WindowTotals {
  const from = window.from ?? '';
  const to = window.to ?? '\uffff';
  const totals: TotalsByFingerprint = new Map();
  const { lo, hi } = wholeMinutes(window);
  if (!(lo < hi)) {
    addRowTotals(db, { lo: from, hi: to }, totals);
    return { totals, parts: [] };
  }
  const sums = db.prepare(
    `SELECT b.fingerprint, max(v.normalized) AS normalized, sum(b.logged) AS logged, sum(b.timed) AS timed,
            sum(b.total_us) AS total_us, max(b.max_ms) AS max_ms, sum(b.planned) AS planned,
            sum(b.planned_us) AS planned_us, max(b.planned_max_ms) AS planned_max_ms, sum(b.errors) AS errors
       FROM statement_buckets b JOIN statement_variants v ON v.id = b.variant_id
      WHERE b.width = @w AND b.start_sec >= @lo AND b.start_sec < @hi GROUP BY b.fingerprint`,
  );
  const parts = coverRange(lo, hi, STATEMENT_BUCKET_WIDTHS);
  for (const part of parts) {
    for (const r of sums.all(part) as SumRow[]) {
      let t = totals.get(r.fingerprint);
      if (t === undefined) totals.set(r.fingerprint, (t = emptyTotals(r.normalized)));
      // The histograms are added later, for the listed fingerprints only (addBucketDurations).
      mergeTotals(t, {
        normalized: r.normalized, logged: r.logged, timed: r.timed, totalUs: r.total_us, maxMs: r.max_ms, durations: new Map(),
        planned: r.planned, plannedUs: r.planned_us, plannedMaxMs: r.planned_max_ms, errors: r.errors,
      });
    }
  }
  if (Number.isFinite(lo)) addRowTotals(db, { lo: from, hi: secondIso(lo), open: true }, totals);
  if (Number.isFinite(hi)) addRowTotals(db, { lo: secondIso(hi), hi: to }, totals);
  return { totals, parts };
}

/** Adds the table rows' histograms of `fingerprints` to their totals. */
export function addBucketDurations(db: Store, { totals, parts }: WindowTotals, fingerprints: readonly string[]): void {
  if (parts.length === 0 || fingerprints.length === 0) return;
  const rows = db
    .prepare(
      `SELECT fingerprint, durations FROM statement_buckets
        WHERE width = @w AND start_sec >= @lo AND start_sec < @hi AND fingerprint IN (SELECT value FROM json_each(@fps))`,
    )
    .raw(true);
  const fps = JSON.stringify(fingerprints);
  for (const part of parts) {
    for (const [fp, durations] of rows.iterate({ ...part, fps }) as IterableIterator<[string, Buffer]>) {
      const t = totals.get(fp);
      if (t !== undefined) addEncodedHistogram(t.durations, durations);
    }
  }
}
