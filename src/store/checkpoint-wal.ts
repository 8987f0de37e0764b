/**
 * Copies the committed pages of a store's write-ahead log into the store file, from a
 * connection of its own, so that another thread than the writer's does it. PASSIVE:
 * it waits for nobody, and leaves alone what a transaction still open has written.
 * Only a head start: whatever it leaves, SQLite's own checkpoints do later.
 */
import Database from 'better-sqlite3';

export function checkpointWal(path: string): void {
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  } catch {
    // Nothing is lost: the pages stay in the log for the writer's own checkpoint.
  }
}
