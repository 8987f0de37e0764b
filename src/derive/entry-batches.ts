/**
 * The stored entries in the order derivers need them (time, then store order),
 * mirrors left out, in batches: each one JSON array of STORED_ENTRY_JSON rows. Read
 * through a connection of its own: during an ingest this runs on the ingest thread,
 * which is idle by then, while the writer thread derives. A batch crosses to the
 * writer as one string, a single copy; thousands of row strings each cost the
 * writer (the busy thread) a deserialisation. One JSON.parse of the whole batch
 * costs the writer 15–20 % less than one per row.
 *
 * Given a shaper, the reading thread also shapes the statement lines' texts (see
 * statement-shaper.ts), the statements deriver's largest task, which the writer would
 * otherwise do: each row of a statement line comes with its kind and message after the
 * JSON, behind a U+0001 (which JSON always escapes, so the first one ends the JSON), and
 * the JSON itself is never decoded here. On the 106 MB bench log the writer's derive work
 * fell by 0.6 CPU-seconds and the reader's rose by 1.2, on a thread that was idle half the
 * pass: the pass took 11 % less time.
 */
import Database from 'better-sqlite3';
import { STORED_ENTRY_JSON } from './deriver.js';
import { NOT_MIRRORED_SQL } from './mirror-files.js';
import { STATEMENT_LINE_KINDS, statementLineText } from './statements/statement-entry.js';
import type { Shape, Shaper } from './statements/statement-shaper.js';

const BATCH_ROWS = 2048;

export interface EntryBatch {
  /** A JSON array of STORED_ENTRY_JSON rows. */
  json: string;
  rows: number;
  /** The shapes of the batch's statement lines, each once. */
  shapes: Shape[];
  /** Row by row, the index of its statement line's shape in `shapes`, or -1. */
  shapeOf: number[];
}
/**
 * Batches are bounded in size too (an entry can be a 50 MB statement), and kept
 * under V8's large-object size (128 KB): a larger string lands in a space only a full
 * collection frees, and a few hundred of them raised the peak memory by 25 MB.
 */
export const BATCH_CHARS = 100_000;

const DERIVED_FROM = `FROM entries WHERE ${NOT_MIRRORED_SQL}`;

const MARK = '\u0001';
/**
 * Longer messages are left to the writer to shape: appended to their JSON row they would
 * double it, to save nothing that shows (the ingest of a log of one 50 MB statement
 * peaked at 956 MB of memory that way, 708 MB this way).
 */
const SHAPE_AHEAD_MAX_BYTES = 64 * 1024;
const STATEMENT_LINE = `kind IN (${STATEMENT_LINE_KINDS.map((k) => `'${k}'`).join(', ')}) AND octet_length(message) <= ${SHAPE_AHEAD_MAX_BYTES}`;
const WITH_STATEMENT_LINES = `${STORED_ENTRY_JSON} || CASE WHEN ${STATEMENT_LINE} THEN char(1) || kind || char(1) || message ELSE '' END`;

export interface EntryBatchOptions {
  /** Hears how many entries there are before the first batch (for progress). */
  onTotal?: (entries: number) => void;
  batchRows?: number;
  /** Shapes the statement lines ahead (else `shapes` stays empty). */
  shaper?: Shaper | undefined;
}

export function* entryBatches(path: string, { onTotal, batchRows = BATCH_ROWS, shaper }: EntryBatchOptions = {}): Generator<EntryBatch> {
  const reader = new Database(path, { readonly: true });
  try {
    onTotal?.(reader.prepare(`SELECT count(*) ${DERIVED_FROM}`).pluck().get() as number);
    const select = shaper === undefined ? STORED_ENTRY_JSON : WITH_STATEMENT_LINES;
    const rows = reader.prepare(`SELECT ${select} ${DERIVED_FROM} ORDER BY ts, id`).pluck(true).iterate() as IterableIterator<string>;
    let batch: string[] = [];
    let chars = 0;
    let shapes: Shape[] = [];
    let shapeIndex = new Map<Shape, number>();
    let shapeOf: number[] = [];
    const take = (): EntryBatch => {
      const done = { json: `[${batch.join(',')}]`, rows: batch.length, shapes, shapeOf };
      batch = [];
      chars = 0;
      shapes = [];
      shapeIndex = new Map();
      shapeOf = [];
      return done;
    };
    for (const row of rows) {
      const mark = row.indexOf(MARK);
      const json = mark < 0 ? row : row.slice(0, mark);
      let k = -1;
      if (mark >= 0 && shaper !== undefined) {
        const kindEnd = row.indexOf(MARK, mark + 1);
        const text = statementLineText(row.slice(mark + 1, kindEnd), row.slice(kindEnd + 1));
        if (text !== null) {
          const shape = shaper.shape(text);
          k = shapeIndex.get(shape) ?? -1;
          if (k < 0) {
            k = shapes.push(shape) - 1;
            shapeIndex.set(shape, k);
          }
        }
      }
      batch.push(json);
      shapeOf.push(k);
      chars += json.length;
      if (batch.length === batchRows || chars >= BATCH_CHARS) yield take();
    }
    if (batch.length > 0) yield take();
  } finally {
    reader.close();
  }
}
