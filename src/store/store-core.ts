/**
 * The synchronous side of writing a store: runs wherever the SQLite connection
 * lives (the writer thread during ingest). Rows arrive in batches and are committed
 * in large transactions; control operations commit first so they see every row.
 */
import type { Envelope, LogFormat } from './log-format.js';
import { StoreError, type Store } from './open-store.js';
import { ENTRY_COLUMNS, type Cell, type PackedEntries } from './entry-rows.js';
import { unpackRows } from './unpack-rows.js';
import { createRowInserter } from './row-inserter.js';
import { DROP_INDEX_SQL, INDEX_SQL } from './schema.js';
import { beginDerive, type DeriveSession } from '../derive/derive-all.js';
import type { Prepared } from '../derive/deriver.js';
import { DERIVERS } from '../derive/derivers.js';
import { markMirrorFiles } from '../derive/mirror-files.js';
import type { EntryBatch } from '../derive/entry-batches.js';

const ROWS_PER_TRANSACTION = 50_000;

/**
 * Rows appended to a store that has its indexes pay for keeping them up to date: on
 * 766 650 pgbench entries added to as many, about 6 µs a row, against about 2 µs a
 * row of the whole table to build them anew (measured). How much an ingest will add
 * is unknown (stdin, archives), so the indexes are dropped once it has added a
 * quarter of the rows the store held, and index() builds them again: a big append
 * soon stops paying for them, a small file added to a big store keeps them.
 */
const REINDEX_AFTER_FRACTION = 0.25;

export const UNPARSED_COLUMNS = ['file_id', 'line', 'reason', 'text'] as const;

/** What the ingest thread needs to know of the files already stored (see store-writer.ts). */
export interface StoreCatalog {
  contents: StoredContent[];
  nextFileId: number;
}

/** A complete file's content as stored: how many bytes, and their hash. */
export interface StoredContent {
  id: number;
  path: string;
  bytes: number;
  hash: string;
}

export interface FinishedFile {
  hash: string;
  bytes: number;
  lines: number;
  entries: number;
  unparsed: number;
  firstTs: string | null;
  lastTs: string | null;
  /** Set when the input ended early (truncated archive, read error). */
  error: string | null;
}

/** CPU seconds of one thread in each stage of an ingest (NaN where the system does not tell). */
export interface ThreadCpu {
  ingest_s: number;
  index_s: number;
  derive_s: number;
}

/**
 * Wall-clock seconds, and CPU seconds of the whole process (both threads): on a small
 * machine the two differ. The writer thread's CPU seconds per stage, and the calling
 * thread's for the stages of close(): whichever is busy all along bounds the stage.
 */
export interface CloseTimings {
  index_s: number;
  derive_s: number;
  index_cpu_s: number;
  derive_cpu_s: number;
  writer_thread: ThreadCpu;
  ingest_thread: Omit<ThreadCpu, 'ingest_s'>;
  /** Statement lines whose text the ingest thread shaped during the derive pass (entry-batches.ts). */
  statements_shaped_ahead: number;
}

export interface StoreCore {
  /** Adds the file being ingested, with the id given (the ingest thread numbers them) or the next one; returns its id. */
  beginFile(path: string, id?: number): number;
  setFormat(fileId: number, format: LogFormat, prefix: string | null, prefixSource: 'inferred' | 'given' | null, envelope: Envelope | null): void;
  insertEntries(rows: PackedEntries): void;
  insertUnparsed(rows: readonly Cell[]): void;
  warning(fileId: number | null, path: string, message: string, line: number | null): void;
  /** Every complete file, with its size and hash, and the id the next file may take. */
  catalog(): StoreCatalog;
  finishFile(fileId: number, done: FinishedFile): void;
  discardFile(fileId: number): void;
  discardIncomplete(): string[];
  /**
   * The rows are all in: commits them, marks the files that mirror another (see
   * mirror-files.ts) and turns WAL on, so that the index and derive phases can read
   * the store from another connection while this one writes.
   */
  endRows(): void;
  /** Builds the indexes: the rows are all in. */
  index(): void;
  /** Starts rebuilding the derived tables; the entries then come through deriveRows. */
  beginDerive(): void;
  deriveRows(batch: EntryBatch): void;
  finishDerive(prepared: Prepared): void;
  /** Closes the store, rolling back a derive pass left unfinished. */
  close(): void;
}

export function createStoreCore(db: Store): StoreCore {
  const insertFile = db.prepare(`INSERT INTO files (id, path, format, status, ingested_at) VALUES (?, ?, 'unknown', 'ingesting', ?)`);
  const updateFormat = db.prepare(`UPDATE files SET format = ?, prefix = ?, prefix_source = ?, envelope = ? WHERE id = ?`);
  const entries = createRowInserter(db, 'entries', ENTRY_COLUMNS);
  const unparsed = createRowInserter(db, 'unparsed', UNPARSED_COLUMNS);
  const insertWarning = db.prepare(`INSERT INTO warnings (file_id, path, line, message) VALUES (?, ?, ?, ?)`);
  const selectContents = db.prepare(
    `SELECT id, path, bytes, content_hash AS hash FROM files WHERE status = 'complete' AND content_hash IS NOT NULL AND bytes IS NOT NULL ORDER BY id`,
  );
  const selectNextId = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM files').pluck();
  const updateFinished = db.prepare(
    `UPDATE files SET content_hash = ?, bytes = ?, lines = ?, entries = ?, unparsed = ?, first_ts = ?, last_ts = ?,
       status = ?, error = ? WHERE id = ?`,
  );
  const deletes = ['entries', 'unparsed', 'warnings'].map((t) => db.prepare(`DELETE FROM ${t} WHERE file_id = ?`));
  const deleteFile = db.prepare('DELETE FROM files WHERE id = ?');
  const unmirror = db.prepare('UPDATE files SET mirror_of = NULL WHERE mirror_of = ?');

  const held = db
    .prepare('SELECT (SELECT coalesce(max(id), 0) FROM entries) + (SELECT coalesce(max(id), 0) FROM unparsed)')
    .pluck()
    .get() as number;
  let added = 0;
  let indexesDropped = false;
  let pending = 0;
  let inTransaction = false;
  let derive: DeriveSession | undefined;

  function written(rows: number): void {
    added += rows;
    if (!indexesDropped && added >= held * REINDEX_AFTER_FRACTION) {
      // In the open transaction: the rows and the drop commit together.
      db.exec(DROP_INDEX_SQL);
      indexesDropped = true;
    }
    pending += rows;
    if (pending >= ROWS_PER_TRANSACTION) commit();
  }
  function begin(): void {
    if (!inTransaction) db.exec('BEGIN');
    inTransaction = true;
  }
  function commit(): void {
    if (inTransaction) db.exec('COMMIT');
    inTransaction = false;
    pending = 0;
  }

  const core: StoreCore = {
    beginFile(path, id) {
      commit();
      return Number(insertFile.run(id ?? null, path, new Date().toISOString()).lastInsertRowid);
    },
    setFormat(fileId, format, prefix, prefixSource, envelope) {
      updateFormat.run(format, prefix, prefixSource, envelope, fileId);
    },
    insertEntries(rows) {
      begin();
      written(entries.insert(unpackRows(rows)));
    },
    insertUnparsed(rows) {
      begin();
      written(unparsed.insert(rows));
    },
    warning(fileId, path, message, line) {
      insertWarning.run(fileId, path, line, message);
    },
    catalog() {
      commit();
      return { contents: selectContents.all() as StoredContent[], nextFileId: selectNextId.get() as number };
    },
    finishFile(fileId, d) {
      updateFinished.run(d.hash, d.bytes, d.lines, d.entries, d.unparsed, d.firstTs, d.lastTs, d.error === null ? 'complete' : 'partial', d.error, fileId);
      commit();
    },
    discardFile(fileId) {
      commit();
      db.transaction(() => {
        for (const d of deletes) d.run(fileId);
        // Mirrors are recomputed after the ingest; until then nothing may point at a removed file.
        unmirror.run(fileId);
        deleteFile.run(fileId);
      })();
    },
    discardIncomplete() {
      const rows = db.prepare(`SELECT id, path FROM files WHERE status = 'ingesting'`).all() as Array<{ id: number; path: string }>;
      for (const row of rows) core.discardFile(row.id);
      return rows.map((r) => r.path);
    },
    endRows() {
      commit();
      markMirrorFiles(db);
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new StoreError(`the store could not enter WAL mode (it stays in ${String(mode)} mode)`);
    },
    index() {
      commit();
      db.exec(INDEX_SQL);
      // Sampled statistics: exact ones cost as much as building an index on a big store.
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
    },
    beginDerive() {
      derive = beginDerive(db, DERIVERS);
    },
    deriveRows(batch) {
      if (!derive) throw new Error('no derive pass under way');
      derive.push(batch);
    },
    finishDerive(prepared) {
      if (!derive) throw new Error('no derive pass under way');
      const session = derive;
      derive = undefined;
      session.finish(prepared);
    },
    close() {
      try {
        derive?.abort();
        commit();
        // A store at rest is one file: in WAL mode every reader, even read-only,
        // leaves a -wal and a -shm beside it, and a copy of the .db alone could miss
        // pages still in the -wal. The next ingest turns WAL on again (endRows).
        try {
          db.pragma('journal_mode = DELETE');
        } catch {
          // Another connection still has it open (a TUI on the store): it stays in WAL mode, which is correct, only less tidy.
        }
      } finally {
        db.close();
      }
    },
  };
  return core;
}
