export const SERVER_EVENT_SCHEMA = `
CREATE TABLE server_events (
  id                      INTEGER PRIMARY KEY,
  ts                      TEXT,
  kind                    TEXT NOT NULL,
  pid                     INTEGER,
  message                 TEXT NOT NULL,
  subject_pid             INTEGER,
  process                 TEXT,
  signal                  INTEGER,
  signal_name             TEXT,
  exit_code               INTEGER,
  query                   TEXT,
  version                 TEXT,
  mode                    TEXT,
  lsn                     TEXT,
  name                    TEXT,
  value                   TEXT,
  bytes                   INTEGER,
  memory_context          TEXT,
  seconds                 REAL,
  last_up                 TEXT,
  recovery_ms             REAL,
  recovery_from_entry_id  INTEGER,
  note                    TEXT,
  entry_id                INTEGER NOT NULL
);
CREATE INDEX server_events_ts ON server_events (ts);
CREATE INDEX server_events_kind ON server_events (kind);
`;
