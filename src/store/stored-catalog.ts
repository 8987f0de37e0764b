/**
 * The complete files a store holds, as the ingest thread sees them while it runs: by
 * content hash (the same content stored again) and by log name (a stored file this
 * input may be a longer copy of). Looked up once per input: a folder of thousands of
 * rotated logs scanned the whole list for each, a regex per stored path.
 */
import type { StoredContent } from './store-core.js';

/**
 * The log a path holds, by its last name without what rotation and compression add:
 * `pg_log/postgresql.log`, `logs.tgz!/pg_log/postgresql.log`, `postgresql-15-main.log.1`,
 * `postgresql-15-main.log.2.gz` and `postgresql-15-main.log-20261126` are all that log
 * (logrotate renames the live file it had been appending to). Only where to look: the
 * content decides.
 */
export function logName(path: string): string {
  return path
    .slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
    .replace(/\.(?:gz|bz2|xz|zst)$/, '')
    .replace(/[.-]\d+$/, '');
}

export interface StoredCatalog {
  add(content: StoredContent): void;
  remove(id: number): void;
  /** The first file stored (lowest id) with this content, other than `exceptId`. */
  findByHash(hash: string, exceptId: number): StoredContent | undefined;
  /** The files of the same log as `path` (see logName), other than `exceptId`, in the order stored. */
  sameLog(path: string, exceptId: number): StoredContent[];
}

export function createStoredCatalog(contents: readonly StoredContent[]): StoredCatalog {
  const byHash = new Map<string, Map<number, StoredContent>>();
  const byLog = new Map<string, Map<number, StoredContent>>();
  const where = new Map<number, { hash: string; log: string }>();
  const put = (index: Map<string, Map<number, StoredContent>>, key: string, c: StoredContent): void => {
    let group = index.get(key);
    if (!group) index.set(key, (group = new Map()));
    group.set(c.id, c);
  };
  const take = (index: Map<string, Map<number, StoredContent>>, key: string, id: number): void => {
    const group = index.get(key);
    group?.delete(id);
    if (group?.size === 0) index.delete(key);
  };
  const inOrder = (group: Map<number, StoredContent> | undefined, exceptId: number): StoredContent[] =>
    [...(group?.values() ?? [])].filter((c) => c.id !== exceptId).sort((a, b) => a.id - b.id);

  const catalog: StoredCatalog = {
    add(c) {
      catalog.remove(c.id);
      const log = logName(c.path);
      put(byHash, c.hash, c);
      put(byLog, log, c);
      where.set(c.id, { hash: c.hash, log });
    },
    remove(id) {
      const at = where.get(id);
      if (!at) return;
      take(byHash, at.hash, id);
      take(byLog, at.log, id);
      where.delete(id);
    },
    findByHash(hash, exceptId) {
      return inOrder(byHash.get(hash), exceptId)[0];
    },
    sameLog(path, exceptId) {
      return inOrder(byLog.get(logName(path)), exceptId);
    },
  };
  for (const c of contents) catalog.add(c);
  return catalog;
}
