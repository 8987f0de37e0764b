export const AUTH_FAILURE_SCHEMA = `
CREATE TABLE auth_failures (
  id                INTEGER PRIMARY KEY,
  ts                TEXT,
  pid               INTEGER,
  session_id        TEXT,
  reason            TEXT NOT NULL CHECK (reason IN ('auth_failed', 'host_rejected', 'no_hba_entry', 'hba_reject',
                      'role_missing', 'database_missing', 'not_permitted', 'no_connect_privilege', 'auth_timeout')),
  method            TEXT,
  hba_method        TEXT,
  detail            TEXT,
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  client_host       TEXT,
  client_port       INTEGER,
  replication       INTEGER NOT NULL,
  hba_file          TEXT,
  hba_line          INTEGER,
  hba_entry         TEXT,
  message           TEXT NOT NULL,
  entry_id          INTEGER NOT NULL
);
CREATE INDEX auth_failures_ts ON auth_failures (ts);
`;
