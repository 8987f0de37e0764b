export const MAINTENANCE_SCHEMA = `
CREATE TABLE maintenance (
  id                        INTEGER PRIMARY KEY,
  ts                        TEXT,
  pid                       INTEGER,
  operation                 TEXT NOT NULL CHECK (operation IN ('vacuum', 'analyze', 'canceled', 'terminated', 'skipped',
                              'wraparound_warning', 'wraparound_stop')),
  database_name             TEXT,
  schema_name               TEXT,
  table_name                TEXT,
  aggressive                INTEGER,
  wraparound                INTEGER,
  index_scans               INTEGER,
  pages_removed             INTEGER,
  pages_remain              INTEGER,
  pages_scanned             INTEGER,
  tuples_removed            INTEGER,
  tuples_remain             INTEGER,
  tuples_dead_not_removable INTEGER,
  buffer_hits               INTEGER,
  buffer_misses             INTEGER,
  buffer_dirtied            INTEGER,
  wal_records               INTEGER,
  wal_fpi                   INTEGER,
  wal_bytes                 INTEGER,
  avg_read_mbs              REAL,
  avg_write_mbs             REAL,
  cpu_user_s                REAL,
  cpu_system_s              REAL,
  elapsed_s                 REAL,
  ids_left                  INTEGER,
  message                   TEXT NOT NULL,
  entry_id                  INTEGER NOT NULL
);
CREATE INDEX maintenance_ts ON maintenance (ts);
CREATE INDEX maintenance_table ON maintenance (table_name);
`;
