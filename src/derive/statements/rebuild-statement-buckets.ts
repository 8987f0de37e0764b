/**
 * `statement_buckets` rebuilt from the statements a store already holds, without
 * a derive pass: for a store derived before the table existed (the TUI bench's
 * grown store). The statements are read in time order first and the rows written
 * after (one connection cannot write while it reads), so memory holds every row.
 */
import type Database from 'better-sqlite3';
import { isoMs } from '../iso-time.js';
import { STATEMENT_BUCKET_SCHEMA } from './statement-buckets-schema.js';
import { createStatementBuckets, insertStatementBucket, type StatementBucket } from './statement-buckets.js';

type Row = [ts: string, fingerprint: string, normalized: string, variantId: number, phase: string, durationMs: number | null];

/** Returns how many rows it wrote. */
export function rebuildStatementBuckets(db: Database.Database): number {
  const rows: Array<[number, number, string, StatementBucket]> = [];
  const buckets = createStatementBuckets((width, start, fp, b) => rows.push([width, start, fp, b]));
  const statements = db
    .prepare(
      `SELECT e.ts, v.fingerprint, v.normalized, r.variant_id, r.phase, r.duration_ms
         FROM statement_rows r JOIN entries e ON e.id = r.entry_id JOIN statement_variants v ON v.id = r.variant_id
        WHERE e.ts IS NOT NULL ORDER BY e.ts, e.id`,
    )
    .raw(true);
  for (const [ts, fp, normalized, variantId, phase, ms] of statements.iterate() as IterableIterator<Row>) {
    const at = isoMs(ts);
    if (!Number.isNaN(at)) buckets.add(at, fp, normalized, variantId, phase, ms);
  }
  buckets.finish();
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS statement_buckets; ${STATEMENT_BUCKET_SCHEMA}`);
    const write = insertStatementBucket(db);
    for (const [width, start, fp, b] of rows) write(width, start, fp, b);
  })();
  return rows.length;
}
