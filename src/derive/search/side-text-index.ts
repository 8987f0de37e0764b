/**
 * Builds `entry_words` on the ingest thread, in a file of its own beside the store,
 * while the writer thread builds the store's indexes and then derives. Tokenising
 * every entry's text costs as much as building the indexes, and this thread is idle
 * then; during the derive pass it only reads entries back, half the time. The writer
 * copies the finished index into the store when the pass ends (copyTextIndex).
 * SQLite has one writer per file: the index cannot be written into the store itself
 * from here.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { NOT_MIRRORED_SQL } from '../mirror-files.js';
import { INDEXED_TEXT_SQL, TEXT_INDEX_SCHEMA } from './text-index-schema.js';

/**
 * Entries per step: about 40 ms, short enough not to hold up the batches the writer
 * waits for nor the progress display. The steps are one transaction: committed one
 * by one, they cost a third more (FTS5 writes and merges a segment at each commit).
 */
const STEP_IDS = 25_000;

/**
 * The side index is only a head start: when it cannot be built (no room for the file,
 * a failed write), it gives up quietly and the writer indexes the entries itself.
 */
export interface SideTextIndex {
  /** Indexes the next entries; false once every entry is in, or the build gave up. */
  step(): boolean;
  /** Indexes what is left and closes the file: its path, for the writer; undefined if it gave up. */
  finish(): string | undefined;
  /** Removes the file (after the writer copied it, or when the pass failed). */
  discard(): void;
}

const GAVE_UP: SideTextIndex = { step: () => false, finish: () => undefined, discard: () => undefined };

export function startSideTextIndex(storePath: string): SideTextIndex {
  try {
    return start(storePath);
  } catch {
    return GAVE_UP;
  }
}

function start(storePath: string): SideTextIndex {
  const path = `${storePath}-words`;
  rmSync(path, { force: true });
  const side = new Database(path);
  try {
    side.pragma('journal_mode = OFF');
    side.pragma('synchronous = OFF');
    side.exec(TEXT_INDEX_SCHEMA);
    side.exec(`CREATE TABLE indexed (entries INTEGER NOT NULL)`);
    // The store is only read: `entries` and `files` (in NOT_MIRRORED_SQL) resolve to it, the side file has neither.
    side.prepare('ATTACH ? AS store').run(storePath);
    // Small caches: with SQLite's default ones the build added 30 to 50 MB to the ingest's peak memory, and ran no faster.
    side.pragma('main.cache_size = -512');
    side.pragma('store.cache_size = -512');
    // One snapshot of the store for the whole build, and one write transaction for the side file.
    side.exec('BEGIN');
  } catch (err) {
    side.close();
    rmSync(path, { force: true });
    throw err;
  }
  const { lo, hi } = side.prepare('SELECT coalesce(min(id), 1) AS lo, coalesce(max(id), 0) AS hi FROM store.entries').get() as { lo: number; hi: number };
  const insert = side.prepare(
    `INSERT INTO main.entry_words (rowid, text)
     SELECT id, ${INDEXED_TEXT_SQL} FROM store.entries WHERE id >= ? AND id < ? AND ${NOT_MIRRORED_SQL}`,
  );
  let next = lo;
  let entries = 0;
  let failed = false;
  const close = () => {
    if (side.open) side.close();
  };
  const step = (): boolean => {
    if (failed || next > hi) return false;
    try {
      entries += insert.run(next, next + STEP_IDS).changes;
    } catch {
      failed = true;
      close();
      return false;
    }
    next += STEP_IDS;
    return next <= hi;
  };
  return {
    step,
    finish() {
      while (step());
      if (failed) return undefined;
      try {
        // What the writer checks against the entries it derived from before copying.
        side.prepare('INSERT INTO indexed (entries) VALUES (?)').run(entries);
        side.exec('COMMIT');
      } catch {
        close();
        return undefined;
      }
      close();
      return path;
    },
    discard() {
      close();
      rmSync(path, { force: true });
    },
  };
}
