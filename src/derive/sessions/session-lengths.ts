/**
 * The whole log's session lengths (count, median, p95, max), kept as one row in
 * `session_lengths` at the end of the derive pass: counting the known sessions of a
 * big store alone walks its whole duration index (1.7 M sessions: 80 ms), too slow
 * for a screen that opens on it. Sessions whose start is not in the log are left
 * out, as a time window leaves them out.
 */
import type Database from 'better-sqlite3';

export interface SessionLengths {
  sessions: number;
  median_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
}

export const SESSION_LENGTHS_SCHEMA = `
CREATE TABLE session_lengths (
  sessions   INTEGER NOT NULL,
  median_ms  REAL,
  p95_ms     REAL,
  max_ms     REAL
);
`;

/** Durations in order, median / p95 taken as the ⌈n·q⌉-th. */
export const rank = (n: number, q: number): number => Math.min(n - 1, Math.ceil(n * q) - 1);

const KNOWN = 'duration_ms IS NOT NULL AND start_ts IS NOT NULL';

/**
 * The queries that walk the partial duration index (exported so that a test can check
 * how SQLite runs them). They name the index: once ANALYZE has run on a big store,
 * SQLite would rather count by scanning the table (1.7 M sessions: 80 ms → 200–350 ms).
 */
export const SESSION_LENGTH_SQL = {
  count: `SELECT count(*) FROM sessions INDEXED BY sessions_duration WHERE ${KNOWN}`,
  up: `SELECT duration_ms FROM sessions INDEXED BY sessions_duration WHERE ${KNOWN} ORDER BY duration_ms LIMIT 1 OFFSET ?`,
  down: `SELECT duration_ms FROM sessions INDEXED BY sessions_duration WHERE ${KNOWN} ORDER BY duration_ms DESC LIMIT 1 OFFSET ?`,
} as const;

/** From the duration index, walked to each rank from whichever end is nearer (p95 and max are a few steps from the top). */
export function walkSessionLengths(db: Database.Database): SessionLengths {
  const n = db.prepare(SESSION_LENGTH_SQL.count).pluck().get() as number;
  const up = db.prepare(SESSION_LENGTH_SQL.up).pluck();
  const down = db.prepare(SESSION_LENGTH_SQL.down).pluck();
  const q = (p: number) => {
    if (n === 0) return null;
    const r = rank(n, p);
    return (r <= n / 2 ? up.get(r) : down.get(n - 1 - r)) as number;
  };
  return { sessions: n, median_ms: q(0.5), p95_ms: q(0.95), max_ms: q(1) };
}

/** (Re)writes the one row of `session_lengths` from `sessions`. */
export function writeSessionLengths(db: Database.Database): SessionLengths {
  const lengths = walkSessionLengths(db);
  db.exec('DELETE FROM session_lengths');
  db.prepare('INSERT INTO session_lengths (sessions, median_ms, p95_ms, max_ms) VALUES (@sessions, @median_ms, @p95_ms, @max_ms)').run(lengths);
  return lengths;
}
