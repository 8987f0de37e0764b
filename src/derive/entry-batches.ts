/**
 * The stored entries in the order derivers need them (time, then store order),
 * mirrors left out, in batches: each one JSON array of STORED_ENTRY_JSON rows. Read
 * through a connection of its own: during an ingest this runs on the ingest thread,
 * which is idle by then, while the writer thread derives. A batch crosses to the
 * writer as one string, a single copy; thousands of row strings each cost the
 * writer (the busy thread) a deserialisation. One JSON.parse of the whole batch
 * costs the writer 15–20 % less than one per row.
 */
import Database from 'better-sqlite3';
import { STORED_ENTRY_JSON } from './deriver.js';
import { NOT_MIRRORED_SQL } from './mirror-files.js';

const BATCH_ROWS = 2048;

export interface EntryBatch {
  /** A JSON array of STORED_ENTRY_JSON rows. */
  json: string;
  rows: number;
}
/**
 * Batches are bounded in size too (an entry can be a 50 MB statement), and kept
 * under V8's large-object size (128 KB): a larger string lands in a space only a full
 * collection frees, and a few hundred of them raised the peak memory by 25 MB.
 */
export const BATCH_CHARS = 100_000;

const DERIVED_FROM = `FROM entries WHERE ${NOT_MIRRORED_SQL}`;

/** `onTotal` hears how many entries there are before the first batch (for progress). */
export function* entryBatches(path: string, onTotal?: (entries: number) => void, batchRows = BATCH_ROWS): Generator<EntryBatch> {
  const reader = new Database(path, { readonly: true });
  try {
    onTotal?.(reader.prepare(`SELECT count(*) ${DERIVED_FROM}`).pluck().get() as number);
    const rows = reader
      .prepare(`SELECT ${STORED_ENTRY_JSON} ${DERIVED_FROM} ORDER BY ts, id`)
      .pluck(true)
      .iterate() as IterableIterator<string>;
    let batch: string[] = [];
    let chars = 0;
    for (const row of rows) {
      batch.push(row);
      chars += row.length;
      if (batch.length === batchRows || chars >= BATCH_CHARS) {
        yield { json: `[${batch.join(',')}]`, rows: batch.length };
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) yield { json: `[${batch.join(',')}]`, rows: batch.length };
  } finally {
    reader.close();
  }
}
