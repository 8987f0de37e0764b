export const TEMP_FILE_SCHEMA = `
CREATE TABLE temp_files (
  id                INTEGER PRIMARY KEY,
  ts                TEXT,
  pid               INTEGER,
  session_id        TEXT,
  path              TEXT NOT NULL,
  bytes             INTEGER NOT NULL,
  statement         TEXT,
  statement_source  TEXT CHECK (statement_source IN ('entry', 'duration')),
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  entry_id          INTEGER NOT NULL
);
CREATE INDEX temp_files_ts ON temp_files (ts);
`;
