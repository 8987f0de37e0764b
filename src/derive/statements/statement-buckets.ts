/**
 * The rows of `statement_buckets`, from statements arriving in time order: the
 * current minute's totals per fingerprint are kept in memory and handed to `write`
 * when the next minute starts, and summed into the current hour's, handed over
 * when the next hour starts. Memory holds one minute and one hour of
 * fingerprints, whatever the log's length.
 */
import type Database from 'better-sqlite3';
import { encodeHistogram } from './duration-histogram.js';
import { addStatement, emptyTotals, executions, mergeTotals, type StatementTotals } from './statement-totals.js';

/** A fingerprint's totals with the variant whose normalized text they name (`statement_variants.id`). */
export type StatementBucket = StatementTotals & { variantId: number };
type Bucket = StatementBucket;

export type WriteBucket = (width: number, startSec: number, fingerprint: string, b: StatementBucket) => void;

/** `write` for createStatementBuckets: an INSERT into the store's table. */
export function insertStatementBucket(db: Database.Database): WriteBucket {
  const insert = db.prepare(
    `INSERT INTO statement_buckets (width, start_sec, fingerprint, variant_id, calls, logged, timed, total_us, max_ms, durations,
       planned, planned_us, planned_max_ms, errors)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (width, start, fp, b) =>
    insert.run(width, start, fp, b.variantId, executions(b), b.logged, b.timed, b.totalUs, b.maxMs, encodeHistogram(b.durations), b.planned, b.plannedUs, b.plannedMaxMs, b.errors);
}

export interface StatementBuckets {
  add(ms: number, fingerprint: string, normalized: string, variantId: number, phase: string, durationMs: number | null): void;
  finish(): void;
}

export function createStatementBuckets(writeRow: WriteBucket): StatementBuckets {
  let minute = NaN;
  let hour = NaN;
  let minuteRows = new Map<string, Bucket>();
  let hourRows = new Map<string, Bucket>();

  const write = (width: number, start: number, rows: Map<string, Bucket>) => {
    for (const [fp, b] of rows) writeRow(width, start, fp, b);
  };
  const closeMinute = () => {
    write(60, minute, minuteRows);
    for (const [fp, b] of minuteRows) {
      const h = hourRows.get(fp);
      // A copy: `write` may keep the minute's object (rebuildStatementBuckets does).
      if (h === undefined) hourRows.set(fp, { ...b, durations: new Map(b.durations) });
      else {
        if (b.normalized > h.normalized) h.variantId = b.variantId;
        mergeTotals(h, b);
      }
    }
    minuteRows = new Map();
  };
  const closeHour = () => {
    write(3600, hour, hourRows);
    hourRows = new Map();
  };

  return {
    add(ms, fingerprint, normalized, variantId, phase, durationMs) {
      const m = Math.floor(ms / 60000) * 60;
      if (m !== minute) {
        if (m < minute) throw new Error(`statement_buckets: a statement at ${new Date(ms).toISOString()} came after later ones (time order expected)`);
        if (minuteRows.size > 0) closeMinute();
        const h = Math.floor(m / 3600) * 3600;
        if (h !== hour && hourRows.size > 0) closeHour();
        minute = m;
        hour = h;
      }
      let b = minuteRows.get(fingerprint);
      if (b === undefined) minuteRows.set(fingerprint, (b = { ...emptyTotals(normalized), variantId }));
      else if (normalized > b.normalized) b.variantId = variantId;
      addStatement(b, normalized, phase, durationMs);
    },
    finish() {
      if (minuteRows.size > 0) closeMinute();
      if (hourRows.size > 0) closeHour();
    },
  };
}
