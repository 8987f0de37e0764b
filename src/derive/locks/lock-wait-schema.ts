export const LOCK_WAIT_SCHEMA = `
CREATE TABLE lock_waits (
  id                INTEGER PRIMARY KEY,
  pid               INTEGER NOT NULL,
  mode              TEXT NOT NULL,
  object_type       TEXT NOT NULL,
  object            TEXT NOT NULL,
  object_key        TEXT NOT NULL,
  waits_for_xid     INTEGER,
  relation_oid      INTEGER,
  database_oid      INTEGER,
  relation          TEXT,
  start_ts          TEXT,
  reported_ts       TEXT,
  end_ts            TEXT,
  wait_ms           REAL,
  resolution        TEXT NOT NULL CHECK (resolution IN ('acquired', 'deadlock', 'lock_timeout', 'statement_timeout',
                      'canceled', 'terminated', 'session_ended', 'unknown')),
  holders           TEXT,
  queue             TEXT,
  holder_ended      TEXT,
  statement         TEXT,
  context           TEXT,
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  start_entry_id    INTEGER NOT NULL,
  end_entry_id      INTEGER
);
CREATE INDEX lock_waits_start ON lock_waits (start_ts);
CREATE INDEX lock_waits_pid ON lock_waits (pid);
CREATE INDEX lock_waits_start_entry ON lock_waits (start_entry_id);
CREATE INDEX lock_waits_end_entry ON lock_waits (end_entry_id);
`;
