/**
 * `statement_buckets`: per minute (and hour) of the log and per fingerprint, what
 * the top-queries screen shows (executions by source, times, errors, and a duration
 * histogram for the p95: statement-totals.ts), so that a window sums a few rows per
 * fingerprint and minute instead of grouping every statement in it. Rows are
 * aligned on multiples of their width.
 */
export const STATEMENT_BUCKET_WIDTHS = [60, 3600] as const;

export const STATEMENT_BUCKET_SCHEMA = `
CREATE TABLE statement_buckets (
  width        INTEGER NOT NULL,
  start_sec    INTEGER NOT NULL,
  fingerprint  TEXT NOT NULL,
  variant_id   INTEGER NOT NULL,
  calls           INTEGER NOT NULL,
  logged          INTEGER NOT NULL,
  timed           INTEGER NOT NULL,
  total_us        INTEGER NOT NULL,
  max_ms          REAL,
  durations       BLOB NOT NULL,
  planned         INTEGER NOT NULL,
  planned_us      INTEGER NOT NULL,
  planned_max_ms  REAL,
  errors          INTEGER NOT NULL,
  PRIMARY KEY (width, start_sec, fingerprint)
) WITHOUT ROWID;
`;
