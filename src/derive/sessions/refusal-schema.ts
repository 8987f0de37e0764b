export const REFUSAL_SCHEMA = `
CREATE TABLE connection_refusals (
  id                INTEGER PRIMARY KEY,
  ts                TEXT,
  pid               INTEGER,
  session_id        TEXT,
  reason            TEXT NOT NULL CHECK (reason IN ('too_many_clients', 'reserved_slots', 'role_limit', 'database_limit',
                      'server_state', 'database_not_accepting')),
  subject           TEXT,
  user_name         TEXT,
  database_name     TEXT,
  application_name  TEXT,
  client_host       TEXT,
  client_port       INTEGER,
  message           TEXT NOT NULL,
  entry_id          INTEGER NOT NULL
);
CREATE INDEX connection_refusals_ts ON connection_refusals (ts);
`;
