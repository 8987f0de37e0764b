/** The report's breakdowns: top statements, applications, and the histogram behind the charts. */
import type Database from 'better-sqlite3';
import type { ApplicationStat, Bucket, StatementStat } from './postmortem.js';
import { hasTable, params, WINDOW_ENTRIES, type Window } from './store-queries.js';

export function statementsByTime(db: Database.Database, w: Window): StatementStat[] {
  if (hasTable(db, 'statements')) {
    return db
      .prepare(
        `SELECT coalesce(normalized, text) AS statement, count(*) AS calls, round(sum(duration_ms), 1) AS total_ms,
                round(avg(duration_ms), 1) AS mean_ms, round(max(duration_ms), 1) AS max_ms, 0 AS errors,
                group_concat(DISTINCT application_name) AS applications
           FROM statements WHERE duration_ms IS NOT NULL AND (@from IS NULL OR ts >= @from) AND (@to IS NULL OR ts <= @to)
          GROUP BY coalesce(fingerprint, text) ORDER BY sum(duration_ms) DESC LIMIT 10`,
      )
      .all(params(w)) as StatementStat[];
  }
  return [];
}

export function statementsByErrors(db: Database.Database, w: Window): StatementStat[] {
  return db
    .prepare(
      `SELECT statement, count(*) AS calls, 0 AS total_ms, 0 AS mean_ms, 0 AS max_ms, count(*) AS errors,
              group_concat(DISTINCT application_name) AS applications
         FROM ${WINDOW_ENTRIES} WHERE severity IN ('ERROR', 'FATAL') AND statement IS NOT NULL
        GROUP BY statement ORDER BY count(*) DESC LIMIT 10`,
    )
    .all(params(w)) as StatementStat[];
}

export function applications(db: Database.Database, w: Window): ApplicationStat[] {
  const rows = db
    .prepare(
      `SELECT coalesce(application_name, '(none)') AS application,
              count(DISTINCT CASE WHEN kind = 'connection_authorized' THEN pid END) AS sessions,
              sum(kind = 'duration') AS statements,
              sum(severity IN ('ERROR', 'FATAL', 'PANIC')) AS errors,
              sum(kind = 'deadlock') AS deadlocks,
              sum(kind IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_timeout', 'idle_session_timeout')) AS timeouts,
              sum(kind IN ('too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db')) AS refused
         FROM ${WINDOW_ENTRIES} WHERE pid IS NOT NULL AND (application_name IS NOT NULL OR user_name IS NOT NULL)
        GROUP BY 1 ORDER BY errors DESC, statements DESC`,
    )
    .all(params(w)) as Array<Omit<ApplicationStat, 'lock_waits' | 'lock_wait_seconds' | 'statement_ms'>>;
  const waits = new Map(
    (db.prepare(`SELECT coalesce(application_name, '(none)') AS app, count(*) AS n, sum(wait_ms) / 1000.0 AS s FROM lock_waits
        WHERE (@to IS NULL OR start_ts <= @to) AND (@from IS NULL OR coalesce(end_ts, start_ts) >= @from) GROUP BY 1`).all(params(w)) as Array<{ app: string; n: number; s: number }>).map((r) => [r.app, r]),
  );
  const time = hasTable(db, 'statements')
    ? new Map((db.prepare(`SELECT coalesce(application_name, '(none)') AS app, sum(duration_ms) AS ms FROM statements WHERE (@from IS NULL OR ts >= @from) AND (@to IS NULL OR ts <= @to) GROUP BY 1`).all(params(w)) as Array<{ app: string; ms: number }>).map((r) => [r.app, r.ms]))
    : new Map<string, number>();
  return rows.map((r) => ({
    ...r,
    statement_ms: Math.round(time.get(r.application) ?? 0),
    lock_waits: waits.get(r.application)?.n ?? 0,
    lock_wait_seconds: Math.round((waits.get(r.application)?.s ?? 0) * 10) / 10,
  }));
}

export function histogram(db: Database.Database, from: string, to: string): { buckets: Bucket[]; seconds: number } {
  const span = Math.max((Date.parse(to) - Date.parse(from)) / 1000, 1);
  const choices = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400];
  // Past 60 days, whole days: a log can span centuries when a line's date is broken or hostile.
  const seconds = choices.find((s) => span / s <= 60) ?? Math.ceil(span / 60 / 86400) * 86400;
  const start = Math.floor(Date.parse(from) / 1000 / seconds) * seconds;
  const n = Math.floor((Date.parse(to) / 1000 - start) / seconds) + 1;
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({ start: new Date((start + i * seconds) * 1000).toISOString(), errors: 0, lock_wait_seconds: 0, connections: 0, refused: 0, deadlocks: 0 }));
  const rows = db
    .prepare(
      // Integer division: better-sqlite3 binds JS numbers as REAL, which would make fractional buckets.
      `SELECT CAST((CAST(strftime('%s', ts) AS INTEGER) - CAST(@start AS INTEGER)) / CAST(@seconds AS INTEGER) AS INTEGER) AS b,
              sum(severity IN ('ERROR', 'FATAL', 'PANIC')) AS errors, sum(kind = 'connection_authorized') AS connections,
              sum(kind IN ('too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db')) AS refused,
              sum(kind = 'deadlock') AS deadlocks
         FROM ${WINDOW_ENTRIES} GROUP BY b`,
    )
    .all({ from, to, start, seconds }) as Array<{ b: number; errors: number; connections: number; refused: number; deadlocks: number }>;
  for (const r of rows) {
    const bucket = buckets[r.b];
    if (bucket) Object.assign(bucket, { errors: r.errors, connections: r.connections, refused: r.refused, deadlocks: r.deadlocks });
  }
  const waits = db.prepare(`SELECT start_ts, end_ts FROM lock_waits WHERE start_ts <= @to AND coalesce(end_ts, @to) >= @from`).all({ from, to }) as Array<{ start_ts: string; end_ts: string | null }>;
  for (const wt of waits) {
    const a = Math.max(Date.parse(wt.start_ts) / 1000, start);
    const b = Math.min(Date.parse(wt.end_ts ?? to) / 1000, start + n * seconds);
    for (let i = Math.floor((a - start) / seconds); i < n && start + i * seconds < b; i++) {
      const lo = Math.max(a, start + i * seconds);
      const hi = Math.min(b, start + (i + 1) * seconds);
      if (hi > lo && buckets[i]) buckets[i]!.lock_wait_seconds = Math.round((buckets[i]!.lock_wait_seconds + hi - lo) * 10) / 10;
    }
  }
  return { buckets, seconds };
}

