/**
 * A deriver turns the ordered stream of stored entries into tables of facts
 * (deadlocks, lock waits, statements...). Derived tables are rebuilt from
 * `entries` after every ingest, so they always agree with the evidence and with
 * each other, across files and rotations.
 */
import type Database from 'better-sqlite3';
import type { Shape } from './statements/statement-shaper.js';

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
  /**
   * Not stored: the shape of a statement line's text (statementLineText), when the
   * thread that read the entries back worked it out (entry-batches.ts).
   */
  statementShape?: Shape | undefined;
}

const COLUMNS = [
  'id', 'file_id', 'line_start', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint', 'context', 'statement',
  'internal_query', 'user_name', 'database_name', 'application_name', 'client', 'session_id', 'xid', 'vxid',
  'backend_type', 'query_id', 'kind', 'family',
] as const satisfies readonly (keyof StoredEntry)[];

/**
 * The select-list expression that gives a stored entry as one JSON array, in
 * COLUMNS order. better-sqlite3 spends about 80 ns on each cell it hands over,
 * NULLs included: 24 cells cost twice as much as SQLite writing the row as JSON
 * and V8 parsing it back. Text survives the trip exactly (SQLite escapes what
 * JSON must; JavaScript strings hold what the writer stored).
 */
export const STORED_ENTRY_JSON = `json_array(${COLUMNS.join(', ')})`;

type Cell = string | number | null;
/** A STORED_ENTRY_JSON row once parsed. */
export type StoredRow = readonly Cell[];

/** One row of STORED_ENTRY_JSON, parsed, as an entry: a literal, so every entry has one shape. */
export function storedEntry(r: StoredRow): StoredEntry {
  return {
    id: r[0] as number, file_id: r[1] as number, line_start: r[2] as number, ts: r[3] as string | null,
    pid: r[4] as number | null, severity: r[5] as string, sqlstate: r[6] as string | null, message: r[7] as string,
    detail: r[8] as string | null, hint: r[9] as string | null, context: r[10] as string | null,
    statement: r[11] as string | null, internal_query: r[12] as string | null, user_name: r[13] as string | null,
    database_name: r[14] as string | null, application_name: r[15] as string | null, client: r[16] as string | null,
    session_id: r[17] as string | null, xid: r[18] as number | null, vxid: r[19] as string | null,
    backend_type: r[20] as string | null, query_id: r[21] as string | null, kind: r[22] as string, family: r[23] as string,
    statementShape: undefined,
  };
}

/** What the other thread made ready for the derivers during the pass. */
export interface Prepared {
  /** A file holding `entry_words` built from the same entries (see side-text-index.ts). */
  textIndex?: string;
}

export interface DeriverRun {
  /** Entries arrive in time order (then store order); entries without a time come first. */
  push(e: StoredEntry): void;
  /** End of the evidence: close what is still open. */
  finish(prepared: Prepared): void;
}

export interface Deriver {
  readonly name: string;
  /** Its tables, dropped and recreated on every run. */
  readonly tables: readonly string[];
  /** CREATE TABLE / CREATE INDEX statements. */
  readonly schema: string;
  start(db: Database.Database): DeriverRun;
}
