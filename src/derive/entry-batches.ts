/**
 * The stored entries in the order derivers need them (time, then store order),
 * mirrors left out, in batches of JSON rows (see STORED_ENTRY_JSON). Read through a
 * connection of its own: during an ingest this runs on the ingest thread, which is
 * idle by then, while the writer thread derives — reading is a third of the work.
 */
import Database from 'better-sqlite3';
import { STORED_ENTRY_JSON } from './deriver.js';

const BATCH_ROWS = 2048;
/** Entries can be megabytes long (a 50 MB statement): batches are bounded in size too. */
const BATCH_CHARS = 4 << 20;

const DERIVED_FROM = 'FROM entries WHERE file_id IN (SELECT id FROM files WHERE mirror_of IS NULL)';

/** `onTotal` hears how many entries there are before the first batch (for progress). */
export function* entryBatches(path: string, onTotal?: (entries: number) => void): Generator<string[]> {
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
      if (batch.length === BATCH_ROWS || chars >= BATCH_CHARS) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    reader.close();
  }
}
