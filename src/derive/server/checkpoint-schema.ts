export const CHECKPOINT_SCHEMA = `
CREATE TABLE checkpoints (
  id                 INTEGER PRIMARY KEY,
  point              TEXT NOT NULL CHECK (point IN ('checkpoint', 'restartpoint')),
  pid                INTEGER,
  start_ts           TEXT,
  complete_ts        TEXT,
  flags              TEXT,
  reason             TEXT,
  too_frequent_s     REAL,
  buffers            INTEGER,
  buffers_pct        REAL,
  slru_buffers       INTEGER,
  wal_added          INTEGER,
  wal_removed        INTEGER,
  wal_recycled       INTEGER,
  write_s            REAL,
  sync_s             REAL,
  total_s            REAL,
  sync_files         INTEGER,
  longest_sync_s     REAL,
  average_sync_s     REAL,
  distance_kb        INTEGER,
  estimate_kb        INTEGER,
  lsn                TEXT,
  redo_lsn           TEXT,
  start_entry_id     INTEGER,
  complete_entry_id  INTEGER
);
CREATE INDEX checkpoints_start ON checkpoints (start_ts);
`;
