/**
 * One ingest at a time per store. A second ingest started while one runs took the
 * first one's file in progress for one left half-ingested by an interrupted run, and
 * removed it, entries and all, while both reported success. The lock is a file beside
 * the store holding the ingest's pid; one whose process is gone (an ingest killed) is
 * taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StoreError } from './open-store.js';

export interface IngestLock {
  release(): void;
}

const NO_LOCK: IngestLock = { release: () => undefined };

export function lockStore(storePath: string): IngestLock {
  const path = `${storePath}.lock`;
  // Written aside then linked into place: the lock never exists without its pid.
  const mine = `${path}.${process.pid}`;
  try {
    writeFileSync(mine, `${process.pid}\n`);
  } catch {
    // No folder, or one not writable: opening the store says so better than the lock would.
    return NO_LOCK;
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        return { release: () => rmSync(path, { force: true }) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return NO_LOCK;
      }
      const holder = lockHolder(path);
      if (holder !== undefined && isRunning(holder)) {
        throw new StoreError(
          `${storePath}: another pgautopsy ingest (pid ${holder}) is writing this store; wait for it to end, or remove ${path} if no such process runs`,
        );
      }
      // Left by an ingest that did not end: taken over.
      rmSync(path, { force: true });
    }
    throw new StoreError(`${storePath}: could not take the ingest lock ${path}: other ingests keep taking it`);
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The pid in a lock file; undefined if the file is gone or holds none. */
function lockHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
