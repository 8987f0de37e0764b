/**
 * What the store says about how the server was logging: counts of the entries each
 * setting produces, the prefixes, and whether clients were active at all (without
 * client activity, "no connection line" proves nothing). Reads the store only.
 */
import type Database from 'better-sqlite3';

export interface Located {
  file: string;
  line: number;
}

export interface LogFacts {
  entries: number;
  version: string | null;
  /** entries per kind */
  kinds: ReadonlyMap<string, number>;
  /** log_line_prefix of the stderr/syslog files */
  prefixes: string[];
  /** some input was csvlog or jsonlog, which carry every field */
  structured: boolean;
  /** some entry is a client backend's: with a user, or with a statement */
  hasClients: boolean;
  /**
   * How many entries the client backends logged, and how many backends: evidence for a
   * setting found missing. Counted when asked for, as it reads every entry.
   */
  clients(): { entries: number; pids: number };
  /** some entry names an application */
  hasApplication: boolean;
  /** authorized sessions that ran something but set no application_name, by user */
  sessionsWithoutApplication: Array<{ user: string | null; sessions: number }>;
  /** statement timeouts whose CONTEXT shows they were waiting for a row or relation lock */
  lockTimeouts: number;
  shortestDurationMs: number | null;
  /** the smallest `still waiting … after N ms`: about deadlock_timeout */
  firstWaitReport: (Located & { ms: number }) | null;
  /** where the first entry of a kind is */
  firstOf(kind: string): Located | null;
}

const CLIENT = `(user_name IS NOT NULL OR statement IS NOT NULL) AND coalesce(backend_type, 'client backend') = 'client backend'`;

export function readLogFacts(db: Database.Database): LogFacts {
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const kinds = new Map(
    (db.prepare('SELECT kind, count(*) AS n FROM entries GROUP BY kind').all() as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]),
  );
  const waits = db
    .prepare(
      `SELECT f.path AS file, e.line_start AS line, e.message FROM entries e JOIN files f ON f.id = e.file_id
        WHERE e.kind = 'lock_wait_still' ORDER BY e.ts LIMIT 200`,
    )
    .all() as Array<Located & { message: string }>;
  let firstWaitReport: LogFacts['firstWaitReport'] = null;
  for (const w of waits) {
    const ms = Number(/ after ([\d.]+) ms/.exec(w.message)?.[1]);
    if (Number.isFinite(ms) && (firstWaitReport === null || ms < firstWaitReport.ms)) firstWaitReport = { file: w.file, line: w.line, ms };
  }
  let clients: { entries: number; pids: number } | undefined;
  const firstOf = db.prepare(
    `SELECT f.path AS file, e.line_start AS line FROM entries e JOIN files f ON f.id = e.file_id WHERE e.kind = ? ORDER BY e.ts, e.id LIMIT 1`,
  );
  return {
    entries: one('SELECT count(*) FROM entries'),
    version: (db.prepare(`SELECT version FROM server_events WHERE version IS NOT NULL ORDER BY ts DESC LIMIT 1`).pluck().get() as string | undefined) ?? null,
    kinds,
    prefixes: db.prepare(`SELECT DISTINCT prefix FROM files WHERE format IN ('stderr', 'syslog') AND prefix IS NOT NULL`).pluck().all() as string[],
    structured: one(`SELECT count(*) FROM files WHERE format IN ('csv', 'json')`) > 0,
    hasClients: one(`SELECT EXISTS (SELECT 1 FROM entries WHERE ${CLIENT})`) === 1,
    clients: () => {
      clients ??= db.prepare(`SELECT count(*) AS entries, count(DISTINCT pid) AS pids FROM entries WHERE ${CLIENT}`).get() as { entries: number; pids: number };
      return clients;
    },
    hasApplication: one(`SELECT EXISTS (SELECT 1 FROM entries WHERE application_name IS NOT NULL AND application_name <> '')`) === 1,
    sessionsWithoutApplication: db
      .prepare(
        `SELECT user_name AS user, count(*) AS sessions FROM sessions
          WHERE authorized = 1 AND replication IS NOT 1 AND statements > 0 AND application_name IS NULL
          GROUP BY user_name ORDER BY sessions DESC`,
      )
      .all() as Array<{ user: string | null; sessions: number }>,
    lockTimeouts: one(
      `SELECT count(*) FROM entries WHERE kind IN ('statement_timeout', 'user_cancel')
          AND (context LIKE 'while updating tuple%' OR context LIKE 'while locking tuple%' OR context LIKE 'while deleting tuple%'
               OR context LIKE 'while inserting index tuple%' OR context LIKE '%waiting for%')`,
    ),
    shortestDurationMs: (db.prepare(`SELECT min(duration_ms) FROM statements WHERE duration_ms IS NOT NULL`).pluck().get() as number | null) ?? null,
    firstWaitReport,
    firstOf: (kind) => (firstOf.get(kind) as Located | undefined) ?? null,
  };
}
