export const DEADLOCK_SCHEMA = `
CREATE TABLE deadlocks (
  id                 INTEGER PRIMARY KEY,
  entry_id           INTEGER NOT NULL,
  ts                 TEXT,
  victim_pid         INTEGER,
  database_name      TEXT,
  user_name          TEXT,
  application_name   TEXT,
  processes          INTEGER NOT NULL,
  relation           TEXT,
  tuple              TEXT,
  victim_wait_ms     REAL,
  detected_entry_id  INTEGER,
  victim_statement   TEXT
);
CREATE INDEX deadlocks_ts ON deadlocks (ts);
CREATE INDEX deadlocks_entry ON deadlocks (entry_id);
CREATE INDEX deadlocks_detected_entry ON deadlocks (detected_entry_id);

CREATE TABLE deadlock_participants (
  deadlock_id       INTEGER NOT NULL REFERENCES deadlocks (id),
  position          INTEGER NOT NULL,
  pid               INTEGER NOT NULL,
  is_victim         INTEGER NOT NULL,
  mode              TEXT NOT NULL,
  object_type       TEXT NOT NULL,
  object            TEXT NOT NULL,
  object_key        TEXT NOT NULL,
  waits_for_xid     INTEGER,
  relation_oid      INTEGER,
  database_oid      INTEGER,
  relation          TEXT,
  page              INTEGER,
  tuple             INTEGER,
  advisory_key      TEXT,
  vxid              TEXT,
  blocked_by        INTEGER,
  query             TEXT,
  fingerprint       TEXT,
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  xid               INTEGER,
  PRIMARY KEY (deadlock_id, position)
);
CREATE INDEX deadlock_participants_pid ON deadlock_participants (pid);
`;
