/**
 * Writes parsed evidence into the store in large transactions, one file at a time,
 * and decides what to do with content that is already there (content hash).
 */
import type { LogEntry, UnparsedLine } from '../parse/log-entry.js';
import type { Store } from './open-store.js';
import { INDEX_SQL } from './schema.js';

export type LogFormat = 'stderr' | 'csv' | 'json' | 'syslog' | 'unknown';

const ROWS_PER_TRANSACTION = 20_000;

const ENTRY_COLUMNS = [
  'file_id', 'line_start', 'line_count', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint',
  'context', 'statement', 'internal_query', 'location', 'user_name', 'database_name', 'application_name',
  'client', 'session_id', 'session_line', 'session_start', 'xid', 'vxid', 'backend_type', 'query_id',
  'command_tag', 'leader_pid',
] as const;

export interface FileTotals {
  entries: number;
  unparsed: number;
}

export interface FinishedFile {
  hash: string;
  bytes: number;
  lines: number;
  /** Set when the input ended early (truncated archive, read error). */
  error?: string;
}

export interface StoredFile {
  id: number;
  path: string;
  ingested_at: string;
}

export interface StoreWriter {
  beginFile(path: string): number;
  setFormat(fileId: number, format: LogFormat, prefix?: string, prefixSource?: 'inferred' | 'given'): void;
  entry(fileId: number, e: LogEntry): void;
  unparsed(fileId: number, u: UnparsedLine): void;
  warning(fileId: number | undefined, path: string, message: string, line?: number): void;
  totals(fileId: number): FileTotals;
  /** A complete file with this content, other than `exceptId`. */
  findByHash(hash: string, exceptId?: number): StoredFile | undefined;
  /** Same size as some stored file: only then is hashing before parsing worth it. */
  hasFileOfSize(bytes: number): boolean;
  finishFile(fileId: number, done: FinishedFile): void;
  /** Removes a file and everything stored from it. */
  discardFile(fileId: number): void;
  /** Files left half-written by an interrupted run; removed, and their paths returned. */
  discardIncomplete(): string[];
  /** Commits, builds indexes. */
  close(): void;
}

export function createStoreWriter(db: Store): StoreWriter {
  const insertFile = db.prepare(
    `INSERT INTO files (path, format, status, ingested_at) VALUES (?, 'unknown', 'ingesting', ?)`,
  );
  const updateFormat = db.prepare(`UPDATE files SET format = ?, prefix = ?, prefix_source = ? WHERE id = ?`);
  const insertEntry = db.prepare(
    `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertUnparsed = db.prepare(`INSERT INTO unparsed (file_id, line, reason, text) VALUES (?, ?, ?, ?)`);
  const insertWarning = db.prepare(`INSERT INTO warnings (file_id, path, line, message) VALUES (?, ?, ?, ?)`);
  const selectByHash = db.prepare(
    `SELECT id, path, ingested_at FROM files WHERE content_hash = ? AND status = 'complete' AND id <> ? ORDER BY id LIMIT 1`,
  );
  const selectBySize = db.prepare(`SELECT 1 FROM files WHERE bytes = ? AND status = 'complete' LIMIT 1`).pluck();
  const updateFinished = db.prepare(
    `UPDATE files SET content_hash = ?, bytes = ?, lines = ?, entries = ?, unparsed = ?, first_ts = ?, last_ts = ?,
       status = ?, error = ? WHERE id = ?`,
  );

  const totals = new Map<number, FileTotals & { firstTs?: string; lastTs?: string }>();
  let pending = 0;
  let inTransaction = false;

  function write(): void {
    if (!inTransaction) {
      db.exec('BEGIN');
      inTransaction = true;
    }
    if (++pending >= ROWS_PER_TRANSACTION) commit();
  }

  function commit(): void {
    if (inTransaction) db.exec('COMMIT');
    inTransaction = false;
    pending = 0;
  }

  function counts(fileId: number): FileTotals & { firstTs?: string; lastTs?: string } {
    let t = totals.get(fileId);
    if (!t) {
      t = { entries: 0, unparsed: 0 };
      totals.set(fileId, t);
    }
    return t;
  }

  return {
    beginFile(path) {
      commit();
      return Number(insertFile.run(path, new Date().toISOString()).lastInsertRowid);
    },
    setFormat(fileId, format, prefix, prefixSource) {
      updateFormat.run(format, prefix ?? null, prefixSource ?? null, fileId);
    },
    entry(fileId, e) {
      write();
      insertEntry.run(
        fileId, e.lineStart, e.lineCount, e.ts, e.pid, e.severity, e.sqlstate, e.message, e.detail, e.hint,
        e.context, e.statement, e.internal_query, e.location, e.user_name, e.database_name, e.application_name,
        e.client, e.session_id, e.session_line, e.session_start, e.xid, e.vxid, e.backend_type, e.query_id,
        e.command_tag, e.leader_pid,
      );
      const t = counts(fileId);
      t.entries++;
      if (e.ts !== undefined) {
        if (t.firstTs === undefined || e.ts < t.firstTs) t.firstTs = e.ts;
        if (t.lastTs === undefined || e.ts > t.lastTs) t.lastTs = e.ts;
      }
    },
    unparsed(fileId, u) {
      write();
      insertUnparsed.run(fileId, u.line, u.reason, u.text);
      counts(fileId).unparsed++;
    },
    warning(fileId, path, message, line) {
      write();
      insertWarning.run(fileId ?? null, path, line ?? null, message);
    },
    totals(fileId) {
      const { entries, unparsed } = counts(fileId);
      return { entries, unparsed };
    },
    findByHash(hash, exceptId = -1) {
      commit();
      return selectByHash.get(hash, exceptId) as StoredFile | undefined;
    },
    hasFileOfSize(bytes) {
      return selectBySize.get(bytes) !== undefined;
    },
    finishFile(fileId, done) {
      const t = counts(fileId);
      updateFinished.run(
        done.hash, done.bytes, done.lines, t.entries, t.unparsed, t.firstTs ?? null, t.lastTs ?? null,
        done.error === undefined ? 'complete' : 'partial', done.error ?? null, fileId,
      );
      commit();
      totals.delete(fileId);
    },
    discardFile(fileId) {
      commit();
      db.transaction(() => {
        for (const table of ['entries', 'unparsed', 'warnings']) {
          db.prepare(`DELETE FROM ${table} WHERE file_id = ?`).run(fileId);
        }
        db.prepare('DELETE FROM files WHERE id = ?').run(fileId);
      })();
      totals.delete(fileId);
    },
    discardIncomplete() {
      const rows = db.prepare(`SELECT id, path FROM files WHERE status = 'ingesting'`).all() as Array<{ id: number; path: string }>;
      for (const row of rows) this.discardFile(row.id);
      return rows.map((r) => r.path);
    },
    close() {
      commit();
      db.exec(INDEX_SQL);
      db.exec('ANALYZE');
    },
  };
}
