/**
 * `time_buckets`: per second of the log, what the histogram, the timeline and the
 * connections screen count, so that they add up a few thousand rows instead of
 * grouping millions of entries. Rolled up to 5 s, 1 min and 1 h rows: every bucket
 * width the timeline uses (1 s … 1 day) is a multiple of one of them, and buckets
 * are aligned on multiples of their width, so any bucket is a sum of whole rows.
 */
import { FAMILIES } from '../../classify/index.js';
import { KIND_GAUGES } from '../../analyze/timeline/gauges.js';

/** Row widths, in seconds, finest first. */
export const ROW_WIDTHS = [1, 5, 60, 3600] as const;

/** The gauges counted from entry kinds (deadlocks, slow_statements, connections_refused, …). */
export const KIND_GAUGE_COLUMNS = [...new Set(Object.values(KIND_GAUGES))];

/** The summed columns, in the order the deriver keeps them. */
export const COUNT_COLUMNS = [
  'entries', 'warnings', 'errors', 'fatals',
  ...FAMILIES.map((f) => `family_${f}`),
  ...KIND_GAUGE_COLUMNS,
  'slow_statement_us', 'connections_received', 'connections_authorized', 'lock_waits_started', 'lock_wait_ms',
] as const;

export const TIME_BUCKET_SCHEMA = `
CREATE TABLE time_buckets (
  width        INTEGER NOT NULL,
  start_sec    INTEGER NOT NULL,
${COUNT_COLUMNS.map((c) => `  ${c} INTEGER NOT NULL DEFAULT 0,`).join('\n')}
  wait_from_ms INTEGER,
  PRIMARY KEY (width, start_sec)
) WITHOUT ROWID;
`;
