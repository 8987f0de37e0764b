/**
 * A deriver turns the ordered stream of stored entries into tables of facts
 * (deadlocks, lock waits, statements...). Derived tables are rebuilt from
 * `entries` after every ingest, so they always agree with the evidence and with
 * each other, across files and rotations.
 */
import type Database from 'better-sqlite3';

/** An entry as derivers see it: the stored row (NULL for absent values). */
export interface StoredEntry {
  id: number;
  file_id: number;
  line_start: number;
  ts: string | null;
  pid: number | null;
  severity: string;
  sqlstate: string | null;
  message: string;
  detail: string | null;
  hint: string | null;
  context: string | null;
  statement: string | null;
  internal_query: string | null;
  user_name: string | null;
  database_name: string | null;
  application_name: string | null;
  client: string | null;
  session_id: string | null;
  xid: number | null;
  vxid: string | null;
  backend_type: string | null;
  query_id: string | null;
  kind: string;
  family: string;
}

export const STORED_ENTRY_COLUMNS =
  'id, file_id, line_start, ts, pid, severity, sqlstate, message, detail, hint, context, statement, internal_query, ' +
  'user_name, database_name, application_name, client, session_id, xid, vxid, backend_type, query_id, kind, family';

export interface DeriverRun {
  /** Entries arrive in time order (then store order); entries without a time come first. */
  push(e: StoredEntry): void;
  /** End of the evidence: close what is still open. */
  finish(): void;
}

export interface Deriver {
  readonly name: string;
  /** Its tables, dropped and recreated on every run. */
  readonly tables: readonly string[];
  /** CREATE TABLE / CREATE INDEX statements. */
  readonly schema: string;
  start(db: Database.Database): DeriverRun;
}
