export const SESSION_SCHEMA = `
CREATE TABLE sessions (
  id                INTEGER PRIMARY KEY,
  pid               INTEGER NOT NULL,
  session_id        TEXT,
  start_ts          TEXT,
  end_ts            TEXT,
  last_ts           TEXT,
  duration_ms       REAL,
  ended             TEXT NOT NULL CHECK (ended IN ('disconnected', 'fatal', 'crash', 'shutdown', 'open', 'unknown')),
  end_kind          TEXT,
  client_host       TEXT,
  client_port       INTEGER,
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  replication       INTEGER NOT NULL,
  authorized        INTEGER NOT NULL,
  auth_method       TEXT,
  auth_identity     TEXT,
  entries           INTEGER NOT NULL,
  statements        INTEGER NOT NULL,
  errors            INTEGER NOT NULL,
  start_entry_id    INTEGER NOT NULL,
  end_entry_id      INTEGER,
  cause_entry_id    INTEGER
);
-- With the length: a window's session lengths are read from the index alone.
CREATE INDEX sessions_start ON sessions (start_ts, duration_ms);
CREATE INDEX sessions_pid ON sessions (pid);
CREATE INDEX sessions_duration ON sessions (duration_ms) WHERE duration_ms IS NOT NULL AND start_ts IS NOT NULL;
`;
