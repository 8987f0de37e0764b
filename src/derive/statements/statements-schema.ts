/**
 * `statements` is a view: what the entry already stores (time, session, query
 * id, and usually the text itself, as the tail of the message) is read from
 * `entries`, so a row written per statement is a few numbers. Measured on
 * 2 million pgbench statements: ~5 µs a row for all 16 columns, ~1 µs for these.
 */
// No CHECK on phase: an IN-list CHECK tripled the cost of an insert (measured); the values are listed in docs/schema.md.
export const STATEMENTS_SCHEMA = `
DROP VIEW IF EXISTS statements;
CREATE TABLE statement_rows (
  entry_id          INTEGER PRIMARY KEY,
  phase             TEXT NOT NULL,
  duration_ms       REAL,
  variant_id        INTEGER,
  prepared_name     TEXT,
  parameters        TEXT,
  text              TEXT,
  text_at           INTEGER
);
CREATE TABLE statement_variants (
  id                INTEGER PRIMARY KEY,
  fingerprint       TEXT NOT NULL,
  normalized        TEXT NOT NULL,
  parse_ok          INTEGER NOT NULL,
  UNIQUE (fingerprint, normalized)
);
CREATE TABLE statement_shapes (
  fingerprint       TEXT PRIMARY KEY,
  normalized        TEXT NOT NULL,
  parse_ok          INTEGER NOT NULL,
  calls             INTEGER NOT NULL,
  timed_calls       INTEGER NOT NULL,
  total_ms          REAL,
  mean_ms           REAL,
  max_ms            REAL,
  errors            INTEGER NOT NULL,
  first_ts          TEXT,
  last_ts           TEXT
);
CREATE VIEW statements AS
SELECT r.entry_id, e.ts, e.pid, e.user_name, e.database_name, e.application_name, r.duration_ms, r.phase,
       r.prepared_name, r.parameters,
       coalesce(r.text, CASE WHEN r.phase = 'error' THEN e.statement ELSE substr(e.message, r.text_at) END) AS text,
       v.normalized, v.fingerprint, e.query_id, v.parse_ok,
       CASE WHEN r.phase = 'error' THEN e.sqlstate END AS sqlstate
  FROM statement_rows r
  JOIN entries e ON e.id = r.entry_id
  LEFT JOIN statement_variants v ON v.id = r.variant_id;
`;

/**
 * Built after the rows are in (in finish()): cheaper than keeping it up to date
 * row by row. With UNIQUE (fingerprint, …) and entries (ts) it serves lookups
 * by fingerprint and by time.
 */
export const STATEMENTS_INDEXES = `
CREATE INDEX statement_rows_variant ON statement_rows (variant_id);
`;
