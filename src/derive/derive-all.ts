/** Rebuilds every derived table from the stored entries, in one pass in time order. */
import type Database from 'better-sqlite3';
import type { Deriver, Prepared } from './deriver.js';
import { storedEntry, type StoredRow } from './deriver.js';
import { entryBatches, type EntryBatch } from './entry-batches.js';
import { markMirrorFiles } from './mirror-files.js';
import { createShapeInterner } from './statements/shape-interner.js';

export interface DeriveSummary {
  mirrors: number;
  entries: number;
}

/** A derive pass under way: fed the batches of entryBatches(), in order. */
export interface DeriveSession {
  push(batch: EntryBatch): void;
  /** Closes what is still open and commits the derived tables. */
  finish(prepared?: Prepared): DeriveSummary;
  /** Leaves the derived tables as they were before the pass. */
  abort(): void;
}

/**
 * Recreates the derived tables empty and starts every deriver in one transaction.
 * Mirror files must be marked first (markMirrorFiles, committed), so that
 * entryBatches and the text index leave them out.
 */
export function beginDerive(db: Database.Database, derivers: readonly Deriver[]): DeriveSession {
  const mirrors = db.prepare('SELECT count(*) FROM files WHERE mirror_of IS NOT NULL').pluck().get() as number;
  db.exec('BEGIN');
  let entries = 0;
  let runs: ReturnType<Deriver['start']>[];
  try {
    for (const d of derivers) {
      for (const t of d.tables) db.exec(`DROP TABLE IF EXISTS ${t}`);
      db.exec(d.schema);
    }
    runs = derivers.map((d) => d.start(db));
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  // Once aborted (or finished), rows still in flight must not reach the derivers:
  // their statements would write outside the rolled-back transaction.
  let open = true;
  const intern = createShapeInterner();
  const abort = (): void => {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    open = false;
  };
  const mustBeOpen = (): void => {
    if (!open) throw new Error('the derive pass was aborted');
  };
  return {
    push(batch) {
      mustBeOpen();
      try {
        const rows = JSON.parse(batch.json) as StoredRow[];
        if (rows.length !== batch.shapeOf.length) throw new Error('derive: a batch whose shapes do not match its rows');
        const shapes = intern(batch.shapes);
        for (let i = 0; i < rows.length; i++) {
          const e = storedEntry(rows[i]!);
          const k = batch.shapeOf[i]!;
          if (k >= 0) e.statementShape = shapes[k];
          entries++;
          for (const run of runs) run.push(e);
        }
      } catch (err) {
        abort();
        throw err;
      }
    },
    finish(prepared = {}) {
      mustBeOpen();
      try {
        // The derivers' finish() build their tables' indexes, and SQLite sorts with as
        // much memory as its page cache has (32 MB), on top of it: on the 320 MB bench
        // log that made the ingest's peak memory. With 4 MB, statement_rows' 2.3 M rows
        // take 0.80–0.99 CPU-seconds to index instead of 0.75, and 4 MB more, not 32.
        const cacheSize = db.pragma('cache_size', { simple: true }) as number;
        db.pragma('cache_size = -4096');
        try {
          for (const run of runs) run.finish(prepared);
        } finally {
          db.pragma(`cache_size = ${cacheSize}`);
        }
        db.exec('COMMIT');
        open = false;
      } catch (err) {
        abort();
        throw err;
      }
      return { mirrors, entries };
    },
    abort,
  };
}

/** The whole pass in one thread: the store's entries read through a second connection. */
export function deriveAll(db: Database.Database, path: string, derivers: readonly Deriver[]): DeriveSummary {
  markMirrorFiles(db);
  const session = beginDerive(db, derivers);
  try {
    for (const batch of entryBatches(path)) session.push(batch);
  } catch (err) {
    session.abort();
    throw err;
  }
  return session.finish();
}
