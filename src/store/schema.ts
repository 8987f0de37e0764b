/**
 * The evidence store's schema. Users query it directly, so it is documented in
 * docs/schema.md and only ever changes by adding columns/tables (SCHEMA_VERSION).
 */
export const SCHEMA_VERSION = 1;

/** Columns added since a table was first written, for stores made before them: ALTER TABLE … ADD COLUMN. */
export const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; definition: string }> = [
  { table: 'files', column: 'envelope', definition: 'TEXT' },
];

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS files (
  id              INTEGER PRIMARY KEY,
  path            TEXT NOT NULL,
  format          TEXT NOT NULL CHECK (format IN ('stderr', 'csv', 'json', 'syslog', 'unknown')),
  prefix          TEXT,
  prefix_source   TEXT CHECK (prefix_source IN ('inferred', 'given')),
  envelope        TEXT,
  content_hash    TEXT,
  bytes           INTEGER NOT NULL DEFAULT 0,
  lines           INTEGER NOT NULL DEFAULT 0,
  entries         INTEGER NOT NULL DEFAULT 0,
  unparsed        INTEGER NOT NULL DEFAULT 0,
  first_ts        TEXT,
  last_ts         TEXT,
  status          TEXT NOT NULL CHECK (status IN ('ingesting', 'complete', 'partial')),
  error           TEXT,
  ingested_at     TEXT NOT NULL,
  mirror_of       INTEGER REFERENCES files (id)
);
CREATE INDEX IF NOT EXISTS files_content_hash ON files (content_hash);

CREATE TABLE IF NOT EXISTS entries (
  id               INTEGER PRIMARY KEY,
  file_id          INTEGER NOT NULL REFERENCES files (id),
  line_start       INTEGER NOT NULL,
  line_count       INTEGER NOT NULL,
  ts               TEXT,
  pid              INTEGER,
  severity         TEXT NOT NULL,
  sqlstate         TEXT,
  message          TEXT NOT NULL,
  detail           TEXT,
  hint             TEXT,
  context          TEXT,
  statement        TEXT,
  internal_query   TEXT,
  location         TEXT,
  user_name        TEXT,
  database_name    TEXT,
  application_name TEXT,
  client           TEXT,
  session_id       TEXT,
  session_line     INTEGER,
  session_start    TEXT,
  xid              INTEGER,
  vxid             TEXT,
  backend_type     TEXT,
  query_id         TEXT,
  command_tag      TEXT,
  leader_pid       INTEGER,
  kind             TEXT,
  family           TEXT
);

CREATE TABLE IF NOT EXISTS unparsed (
  id       INTEGER PRIMARY KEY,
  file_id  INTEGER NOT NULL REFERENCES files (id),
  line     INTEGER NOT NULL,
  reason   TEXT NOT NULL,
  text     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS warnings (
  id       INTEGER PRIMARY KEY,
  file_id  INTEGER REFERENCES files (id),
  path     TEXT NOT NULL,
  line     INTEGER,
  message  TEXT NOT NULL
);
`;

/**
 * The entries that are not LOG lines: errors, warnings, PANICs… a few among millions
 * of statement and connection lines. `entries_not_log` holds them by severity and time.
 * SQLite uses a partial index only for a query whose WHERE has the index's own term,
 * so such queries write this very term next to their severity test.
 */
export const NOT_LOG_SQL = "severity <> 'LOG'";

/** Entries that report a failure, with the term that lets SQLite read them from `entries_not_log`. */
export const FAILED_SQL = `${NOT_LOG_SQL} AND severity IN ('ERROR', 'FATAL', 'PANIC')`;

/**
 * The indexes of the bulk tables, by name. They are built once the bulk of the rows
 * is in (INDEX_SQL): building them afterwards is several times faster than
 * maintaining them row by row during a first ingest.
 */
export const BULK_INDEXES: Readonly<Record<string, string>> = {
  entries_ts: 'entries (ts)',
  entries_pid_ts: 'entries (pid, ts)',
  entries_kind_ts: 'entries (kind, ts)',
  entries_not_log: `entries (severity, ts) WHERE ${NOT_LOG_SQL}`,
  unparsed_file_line: 'unparsed (file_id, line)',
};

/** Indexes of earlier versions, dropped with the bulk indexes so that they are not kept up row by row. */
const RETIRED_INDEXES = ['entries_panic_ts'];

export const INDEX_SQL = Object.entries(BULK_INDEXES)
  .map(([name, on]) => `CREATE INDEX IF NOT EXISTS ${name} ON ${on};`)
  .join('\n');

export const DROP_INDEX_SQL = [...Object.keys(BULK_INDEXES), ...RETIRED_INDEXES]
  .map((name) => `DROP INDEX IF EXISTS ${name};`)
  .join('\n');
