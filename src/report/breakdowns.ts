/** The report's breakdowns: top statements and applications. */
import type Database from 'better-sqlite3';
import type { ApplicationStat, StatementStat } from './postmortem.js';
import { hasTable, kindList, params, SLOT_REFUSAL_KINDS, type Window } from './store-queries.js';
import type { Kind } from '../classify/index.js';
import { NOT_MIRRORED_SQL } from '../derive/mirror-files.js';
import { FAILED_SQL } from '../store/schema.js';
import { inWindow } from '../store/window-bounds.js';

export function statementsByTime(db: Database.Database, w: Window): StatementStat[] {
  const b = inWindow(w);
  if (hasTable(db, 'statements')) {
    return db
      .prepare(
        `SELECT coalesce(normalized, text) AS statement, count(*) AS calls, round(sum(duration_ms), 1) AS total_ms,
                round(avg(duration_ms), 1) AS mean_ms, round(max(duration_ms), 1) AS max_ms, 0 AS errors,
                group_concat(DISTINCT application_name) AS applications
           FROM statements WHERE duration_ms IS NOT NULL AND ${b.sql}
          GROUP BY coalesce(fingerprint, text) ORDER BY sum(duration_ms) DESC LIMIT 10`,
      )
      .all(b.params) as StatementStat[];
  }
  return [];
}

export function statementsByErrors(db: Database.Database, w: Window): StatementStat[] {
  const b = inWindow(w);
  return db
    .prepare(
      `SELECT statement, count(*) AS calls, 0 AS total_ms, 0 AS mean_ms, 0 AS max_ms, count(*) AS errors,
              group_concat(DISTINCT application_name) AS applications
         FROM entries WHERE ${FAILED_SQL} AND severity <> 'PANIC' AND statement IS NOT NULL AND ${b.sql} AND ${NOT_MIRRORED_SQL}
        GROUP BY statement ORDER BY count(*) DESC LIMIT 10`,
    )
    .all(b.params) as StatementStat[];
}

/** The kinds the applications table counts, by column. */
const APPLICATION_KINDS = {
  statements: ['duration'],
  deadlocks: ['deadlock'],
  timeouts: ['statement_timeout', 'lock_timeout', 'idle_in_transaction_timeout', 'idle_session_timeout'],
  refused: SLOT_REFUSAL_KINDS,
  sessions: ['connection_authorized'],
} as const satisfies Record<string, readonly Kind[]>;
type KindColumn = keyof typeof APPLICATION_KINDS;
const COLUMN_OF = new Map<string, KindColumn>(
  (Object.keys(APPLICATION_KINDS) as KindColumn[]).flatMap((c) => APPLICATION_KINDS[c].map((k) => [k, c] as const)),
);

/**
 * What each application did in the window: the sessions it opened, its logged
 * durations, errors, deadlocks, timeouts and refusals. Read through the (kind, ts) and
 * not-LOG indexes, which hold those entries only: one GROUP BY over every entry of the
 * window took 34 s on a 10 M-entry store.
 *
 * Sessions come from the `sessions` table, which knows each session's application
 * from all its lines: the `connection authorized` line is logged before the client
 * sets it, so counting those lines put nearly every session under "(none)".
 */
export function applications(db: Database.Database, w: Window): ApplicationStat[] {
  const b = inWindow(w);
  const who = `pid IS NOT NULL AND (application_name IS NOT NULL OR user_name IS NOT NULL) AND ${b.sql} AND ${NOT_MIRRORED_SQL}`;
  const byApp = new Map<string, Omit<ApplicationStat, 'lock_waits' | 'lock_wait_seconds' | 'statement_ms'>>();
  const of = (application: string) => {
    let a = byApp.get(application);
    if (a === undefined) byApp.set(application, (a = { application, sessions: 0, statements: 0, errors: 0, deadlocks: 0, timeouts: 0, refused: 0 }));
    return a;
  };
  const sessions = hasTable(db, 'sessions');
  const kinds = [...COLUMN_OF.keys()].filter((k) => !sessions || COLUMN_OF.get(k) !== 'sessions');
  const kindRows = db
    .prepare(
      `SELECT coalesce(application_name, '(none)') AS application, kind, count(*) AS n, count(DISTINCT pid) AS pids
         FROM entries WHERE kind IN (${kindList(kinds)}) AND ${who} GROUP BY 1, 2`,
    )
    .all(b.params) as Array<{ application: string; kind: string; n: number; pids: number }>;
  for (const r of kindRows) {
    const column = COLUMN_OF.get(r.kind)!;
    // Without the sessions table, sessions are the pids that connected, each once.
    of(r.application)[column] += column === 'sessions' ? r.pids : r.n;
  }
  const errorRows = db
    .prepare(`SELECT coalesce(application_name, '(none)') AS application, count(*) AS n FROM entries WHERE ${FAILED_SQL} AND ${who} GROUP BY 1`)
    .all(b.params) as Array<{ application: string; n: number }>;
  for (const r of errorRows) of(r.application).errors += r.n;
  if (sessions) {
    const started = inWindow(w, 'start_ts');
    const opened = db
      .prepare(
        `SELECT coalesce(application_name, '(none)') AS application, count(*) AS n FROM sessions
          WHERE authorized = 1 AND (application_name IS NOT NULL OR user_name IS NOT NULL) AND ${started.sql} GROUP BY 1`,
      )
      .all(started.params) as Array<{ application: string; n: number }>;
    for (const r of opened) of(r.application).sessions += r.n;
    // The applications connected in the window without doing any of that (a psql
    // session during the outage is a fact worth seeing).
    const overlap = ['application_name IS NOT NULL OR user_name IS NOT NULL'];
    if (w.to !== null) overlap.push("coalesce(start_ts, '') <= @to");
    if (w.from !== null) overlap.push('coalesce(end_ts, last_ts, start_ts) >= @from');
    const connected = db
      .prepare(`SELECT DISTINCT coalesce(application_name, '(none)') FROM sessions WHERE (${overlap.join(') AND (')})`)
      .pluck()
      .all(b.params) as string[];
    for (const application of connected) of(application);
  }
  const rows = [...byApp.values()].sort((x, y) => y.errors - x.errors || y.statements - x.statements || (x.application < y.application ? -1 : 1));
  const waits = new Map(
    (db.prepare(`SELECT coalesce(application_name, '(none)') AS app, count(*) AS n, sum(wait_ms) / 1000.0 AS s FROM lock_waits
        WHERE (@to IS NULL OR start_ts <= @to) AND (@from IS NULL OR coalesce(end_ts, start_ts) >= @from) GROUP BY 1`).all(params(w)) as Array<{ app: string; n: number; s: number }>).map((r) => [r.app, r]),
  );
  const time = hasTable(db, 'statements')
    ? new Map((db.prepare(`SELECT coalesce(application_name, '(none)') AS app, sum(duration_ms) AS ms FROM statements WHERE ${b.sql} GROUP BY 1`).all(b.params) as Array<{ app: string; ms: number }>).map((r) => [r.app, r.ms]))
    : new Map<string, number>();
  return rows.map((r) => ({
    ...r,
    statement_ms: Math.round(time.get(r.application) ?? 0),
    lock_waits: waits.get(r.application)?.n ?? 0,
    lock_wait_seconds: Math.round((waits.get(r.application)?.s ?? 0) * 10) / 10,
  }));
}
