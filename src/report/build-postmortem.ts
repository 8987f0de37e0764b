/**
 * Builds the postmortem from the store: the window's numbers, its key events in
 * order, the candidate root causes with their evidence, and the breakdowns.
 */
import type Database from 'better-sqlite3';
import { loadBlockers, type BlockingTreeView } from '../commands/blockers.js';
import { loadDeadlocks, type DeadlockView } from '../commands/deadlocks.js';
import { findLoggingGaps } from '../analyze/gaps/logging-gaps.js';
import { shortTime } from '../util/time-arg.js';
import { oneLine } from '../util/text-table.js';
import type { ApplicationStat, Bucket, Counts, Evidence, KeyEvent, Postmortem, RootCause, StatementStat } from './postmortem.js';
import { hasTable, params, WINDOW_ENTRIES, type Window } from './store-queries.js';

const NOTABLE: Readonly<Record<string, string>> = {
  server_crash: 'server process crashed',
  terminating_others: 'postmaster terminates every other backend',
  reinitializing: 'server reinitializing after the crash',
  recovery_not_properly_shutdown: 'automatic recovery starts',
  redo_done: 'recovery redo done',
  ready: 'server ready to accept connections',
  shutdown_request: 'shutdown requested',
  shut_down: 'server shut down',
  startup: 'server starting',
  config_reload: 'configuration reloaded',
  parameter_changed: 'parameter changed',
  admin_terminated: 'backend terminated by an administrator',
  out_of_memory: 'out of memory',
  disk_full: 'disk full',
};

/** Kinds whose first and last occurrence in the window mark the course of an incident. */
const BURSTS: Readonly<Record<string, string>> = {
  deadlock: 'deadlock',
  lock_wait_still: 'lock wait',
  too_many_clients: 'connection refused (too many clients)',
  reserved_slots: 'connection refused (reserved slots)',
  statement_timeout: 'statement timeout',
  lock_timeout: 'lock timeout',
  idle_in_transaction_timeout: 'idle-in-transaction timeout',
};

interface EntryRow {
  id: number;
  ts: string | null;
  kind: string;
  pid: number | null;
  message: string;
  application_name: string | null;
  file: string;
  line: number;
}

function evidenceOf(r: EntryRow): Evidence {
  return { entry_id: r.id, ts: r.ts, file: r.file, line: r.line, text: oneLine(r.message, 160) };
}

export function entryEvidence(db: Database.Database, id: number): Evidence | undefined {
  const r = db
    .prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line FROM entries e JOIN files f ON f.id = e.file_id WHERE e.id = ?`)
    .get(id) as EntryRow | undefined;
  return r && evidenceOf(r);
}

function counts(db: Database.Database, w: Window): Counts {
  const byKind = new Map(
    (db.prepare(`SELECT kind, count(*) AS n FROM ${WINDOW_ENTRIES} GROUP BY kind`).all(params(w)) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]),
  );
  const bySeverity = new Map(
    (db.prepare(`SELECT severity, count(*) AS n FROM ${WINDOW_ENTRIES} GROUP BY severity`).all(params(w)) as Array<{ severity: string; n: number }>).map((r) => [r.severity, r.n]),
  );
  const k = (...names: string[]) => names.reduce((sum, n) => sum + (byKind.get(n) ?? 0), 0);
  const waits = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(wait_ms), 0) / 1000.0 AS s FROM lock_waits
        WHERE (@to IS NULL OR start_ts <= @to) AND (@from IS NULL OR coalesce(end_ts, start_ts) >= @from)`,
    )
    .get(params(w)) as { n: number; s: number };
  return {
    entries: [...byKind.values()].reduce((a, b) => a + b, 0),
    errors: bySeverity.get('ERROR') ?? 0,
    fatals: bySeverity.get('FATAL') ?? 0,
    panics: bySeverity.get('PANIC') ?? 0,
    deadlocks: k('deadlock'),
    lock_waits: waits.n,
    lock_wait_seconds: Math.round(waits.s * 10) / 10,
    statement_timeouts: k('statement_timeout'),
    lock_timeouts: k('lock_timeout', 'lock_not_available'),
    idle_timeouts: k('idle_in_transaction_timeout', 'idle_session_timeout', 'transaction_timeout'),
    canceled: k('user_cancel'),
    terminated: k('admin_terminated'),
    refused_connections: k('too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db'),
    auth_failures: k('auth_failed', 'no_hba_entry', 'hba_reject', 'role_missing', 'database_missing'),
    crashes: k('server_crash'),
    slow_statements: k('duration'),
  };
}

function keyEvents(db: Database.Database, w: Window, blocking: BlockingTreeView[]): KeyEvent[] {
  const select = `SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line
                    FROM ${WINDOW_ENTRIES} e JOIN files f ON f.id = e.file_id`;
  const events: KeyEvent[] = [];
  const notable = db.prepare(`${select} WHERE e.kind IN (${Object.keys(NOTABLE).map((k) => `'${k}'`).join(', ')}) ORDER BY e.ts, e.id LIMIT 60`).all(params(w)) as EntryRow[];
  for (const r of notable) events.push({ ts: r.ts, what: `${NOTABLE[r.kind]}${r.pid !== null ? ` (pid ${r.pid}${r.application_name ? `, ${r.application_name}` : ''})` : ''}`, evidence: evidenceOf(r) });
  for (const [kind, label] of Object.entries(BURSTS)) {
    const total = db.prepare(`SELECT count(*) FROM ${WINDOW_ENTRIES} WHERE kind = @kind`).pluck().get({ ...params(w), kind }) as number;
    if (total === 0) continue;
    const first = db.prepare(`${select} WHERE e.kind = @kind ORDER BY e.ts, e.id LIMIT 1`).get({ ...params(w), kind }) as EntryRow;
    events.push({ ts: first.ts, what: total === 1 ? `${label}` : `first ${label} (${total} in all)`, evidence: evidenceOf(first) });
    if (total > 1) {
      const last = db.prepare(`${select} WHERE e.kind = @kind ORDER BY e.ts DESC, e.id DESC LIMIT 1`).get({ ...params(w), kind }) as EntryRow;
      events.push({ ts: last.ts, what: `last ${label}`, evidence: evidenceOf(last) });
    }
  }
  for (const tree of blocking.slice(0, 3)) {
    const first = tree.waiters[0];
    const ev = first && entryEvidence(db, first.evidence_entry_id);
    if (ev) events.push({ ts: tree.first_wait, what: `pid ${first.pid}${first.application_name ? ` (${first.application_name})` : ''} starts waiting for ${first.mode} behind pid ${tree.root.pid}${tree.root.application_name ? ` (${tree.root.application_name})` : ''}`, evidence: ev });
    const end = tree.root.ended.entry_id === null ? undefined : entryEvidence(db, tree.root.ended.entry_id);
    if (end) events.push({ ts: tree.root.ended.ts, what: `root blocker pid ${tree.root.pid} ${tree.root.ended.how}`, evidence: end });
  }
  const seen = new Set<string>();
  return events
    .filter((e) => {
      const key = `${e.evidence.entry_id}:${e.what}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.ts ?? '').localeCompare(b.ts ?? '') || a.evidence.entry_id - b.evidence.entry_id);
}

function rootCauses(db: Database.Database, w: Window, blocking: BlockingTreeView[], deadlocks: DeadlockView[], c: Counts): RootCause[] {
  const causes: RootCause[] = [];
  for (const tree of blocking.filter((t) => t.total_wait_ms >= 1000).slice(0, 3)) {
    const r = tree.root;
    const chain = [`pid ${r.pid}${r.application_name ? ` (${r.application_name})` : ''}`];
    let level = tree.waiters;
    while (level.length > 0) {
      const head = [...level].sort((a, b) => b.waiters.length - a.waiters.length || (b.wait_ms ?? 0) - (a.wait_ms ?? 0))[0]!;
      chain.push(level.length === 1
        ? `pid ${head.pid}${head.application_name ? ` (${head.application_name})` : ''} ${oneLine(head.statement, 60)} waiting ${head.mode}`
        : `${level.length} sessions (${[...new Set(level.map((x) => x.application_name ?? '?'))].join(', ')}) waiting ${[...new Set(level.map((x) => x.mode))].join('/')}`);
      level = head.waiters;
    }
    const evidence = [tree.waiters[0] && entryEvidence(db, tree.waiters[0].evidence_entry_id), r.ended.entry_id !== null ? entryEvidence(db, r.ended.entry_id) : undefined]
      .filter((e): e is Evidence => e !== undefined);
    causes.push({
      title: `pid ${r.pid}${r.application_name ? ` (${r.application_name})` : ''} held locks that ${tree.sessions_held_up} session${tree.sessions_held_up === 1 ? '' : 's'} waited ${(tree.total_wait_ms / 1000).toFixed(1)} s for`,
      explanation: `Blocking chain: ${chain.join(' → ')}. Held since ${shortTime(r.holding_since)} (${r.holding_since_evidence}); ${r.ended.how}${r.ended.ts ? ` at ${shortTime(r.ended.ts)}` : ''}.` +
        (r.statements.length > 0 ? ` Its last logged statement: ${oneLine(r.statements[r.statements.length - 1]!.text, 100)}.` : ' None of its statements were logged.'),
      evidence,
    });
  }
  const groups = new Map<string, DeadlockView[]>();
  for (const d of deadlocks) {
    const apps = [...new Set(d.participants.map((p) => p.application_name ?? 'unknown app'))].sort().join(' and ');
    const key = `${apps} on ${d.relation ?? [...new Set(d.participants.map((p) => p.relation ?? p.object_type))].join('/')}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [key, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 3)) {
    const evidence = [list[0]!, list[list.length - 1]!].filter((d, i, a) => a.indexOf(d) === i)
      .map((d) => ({ entry_id: d.id, ts: d.ts, file: d.evidence.file, line: d.evidence.line, text: `deadlock detected: victim pid ${d.victim_pid}` }));
    const modes = [...new Set(list.flatMap((d) => d.participants.map((p) => `${p.mode} on ${p.object_type}`)))].join(', ');
    causes.push({
      title: `${list.length} deadlock${list.length === 1 ? '' : 's'} between ${key}`,
      explanation: `Transactions took the same locks in opposite orders (${modes}). Queries involved: ${[...new Set(list.flatMap((d) => d.participants.map((p) => oneLine(p.query, 70))))].slice(0, 3).join(' | ')}.`,
      evidence,
    });
  }
  const crashes = db
    .prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line, e.detail FROM ${WINDOW_ENTRIES} e JOIN files f ON f.id = e.file_id WHERE e.kind = 'server_crash' ORDER BY e.ts`)
    .all(params(w)) as Array<EntryRow & { detail: string | null }>;
  for (const r of crashes) {
    causes.push({
      title: `server crash: ${oneLine(r.message, 100)}`,
      explanation: `${r.detail ? oneLine(r.detail, 200) : 'The failed query was not logged.'} Every other backend was terminated and the server went through crash recovery.${/signal 9/.test(r.message) ? ' Signal 9 usually means the kernel OOM killer (or a kill -9).' : ''}`,
      evidence: [evidenceOf(r)],
    });
  }
  if (c.refused_connections > 0) {
    const first = db.prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line FROM ${WINDOW_ENTRIES} e JOIN files f ON f.id = e.file_id WHERE e.kind IN ('too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db') ORDER BY e.ts LIMIT 1`).get(params(w)) as EntryRow;
    const during = blocking.find((t) => t.first_wait !== null && t.last_end !== null && first.ts !== null && first.ts >= t.first_wait && first.ts <= t.last_end);
    causes.push({
      title: `connection slots exhausted: ${c.refused_connections} connection${c.refused_connections === 1 ? '' : 's'} refused`,
      explanation: during
        ? `Refusals started while sessions were queued behind pid ${during.root.pid}: blocked sessions kept their connections and new requests had none left — a consequence of the blocking more than a cause.`
        : 'Clients opened more connections than max_connections allows (a pooler, or a lower pool size, keeps this in check).',
      evidence: [evidenceOf(first)],
    });
  }
  return causes;
}

function statementsByTime(db: Database.Database, w: Window): StatementStat[] {
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

function statementsByErrors(db: Database.Database, w: Window): StatementStat[] {
  return db
    .prepare(
      `SELECT statement, count(*) AS calls, 0 AS total_ms, 0 AS mean_ms, 0 AS max_ms, count(*) AS errors,
              group_concat(DISTINCT application_name) AS applications
         FROM ${WINDOW_ENTRIES} WHERE severity IN ('ERROR', 'FATAL') AND statement IS NOT NULL
        GROUP BY statement ORDER BY count(*) DESC LIMIT 10`,
    )
    .all(params(w)) as StatementStat[];
}

function applications(db: Database.Database, w: Window): ApplicationStat[] {
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

function histogram(db: Database.Database, from: string, to: string): { buckets: Bucket[]; seconds: number } {
  const span = Math.max((Date.parse(to) - Date.parse(from)) / 1000, 1);
  const choices = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400];
  const seconds = choices.find((s) => span / s <= 60) ?? 86400;
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

function summaryLines(w: Window, c: Counts, causes: RootCause[], blocking: BlockingTreeView[]): string[] {
  const lines: string[] = [];
  const span = w.from && w.to ? ` (${Math.round((Date.parse(w.to) - Date.parse(w.from)) / 1000)} s)` : '';
  lines.push(`When: ${shortTime(w.from)} → ${shortTime(w.to)} UTC${span}.`);
  const impact = [
    c.lock_waits > 0 && `${c.lock_waits} lock waits (${c.lock_wait_seconds} s of waiting)`,
    c.deadlocks > 0 && `${c.deadlocks} deadlocks`,
    c.statement_timeouts > 0 && `${c.statement_timeouts} statement timeouts`,
    c.lock_timeouts > 0 && `${c.lock_timeouts} lock timeouts`,
    c.refused_connections > 0 && `${c.refused_connections} refused connections`,
    c.terminated > 0 && `${c.terminated} backend${c.terminated === 1 ? '' : 's'} terminated by an administrator`,
    c.crashes > 0 && `${c.crashes} server crash${c.crashes === 1 ? '' : 'es'}`,
    `${c.errors} errors, ${c.fatals} fatal`,
  ].filter((x): x is string => typeof x === 'string');
  lines.push(`Impact: ${impact.join('; ')}.`);
  const top = causes[0];
  if (top) {
    const evidence = top.evidence.map((e) => `${e.file}:${e.line}`).join(', ');
    lines.push(`Most likely root cause: ${top.title}. ${top.explanation}${evidence ? ` Evidence: ${evidence}.` : ''}`);
  }
  const tree = blocking[0];
  if (tree && tree.waiters[0]) {
    const next = tree.waiters[0];
    lines.push(`Root blocker: pid ${tree.root.pid}${tree.root.application_name ? ` (${tree.root.application_name})` : ''}; next link: pid ${next.pid}${next.application_name ? ` (${next.application_name})` : ''} waiting ${next.mode}${next.statement ? ` for ${oneLine(next.statement, 80)}` : ''}.`);
    lines.push(`How it ended: pid ${tree.root.pid} ${tree.root.ended.how}${tree.root.ended.ts ? ` at ${shortTime(tree.root.ended.ts)} UTC` : ''}.`);
  }
  return lines;
}

export interface BuildOptions {
  dbPath: string;
  window: Window;
  chosenBy: string;
  /** One line per other incident of the log, to put this one in context. */
  otherIncidents?: string[];
}

export function buildPostmortem(db: Database.Database, opts: BuildOptions): Postmortem {
  const range = db.prepare(`SELECT min(ts) AS first, max(ts) AS last FROM entries`).get() as { first: string | null; last: string | null };
  const window: Window = { from: opts.window.from ?? range.first, to: opts.window.to ?? range.last };
  const deadlocks = loadDeadlocks(opts.dbPath, { ...(window.from && { from: window.from }), ...(window.to && { to: window.to }) });
  const blocking = loadBlockers({ db: opts.dbPath, ...(window.from && { from: window.from }), ...(window.to && { to: window.to }) });
  const c = counts(db, window);
  const causes = rootCauses(db, window, blocking, deadlocks, c);
  const hist = window.from && window.to ? histogram(db, window.from, window.to) : { buckets: [], seconds: 60 };
  const files = db.prepare(`SELECT count(*) AS n, group_concat(DISTINCT format) AS formats FROM files WHERE mirror_of IS NULL AND format <> 'unknown'`).get() as { n: number; formats: string | null };
  return {
    title: `Postmortem: PostgreSQL incident ${shortTime(window.from)} UTC`,
    generated_at: new Date().toISOString(),
    store: opts.dbPath,
    window: { ...window, chosen_by: opts.chosenBy },
    logs: { files: files.n, first_ts: range.first, last_ts: range.last, formats: (files.formats ?? '').split(',').filter(Boolean) },
    summary: [
      ...summaryLines(window, c, causes, blocking),
      ...(opts.otherIncidents ?? []).slice(0, 5).map((line) => `Other incident in this log: ${line}.`),
    ],
    counts: c,
    timeline: keyEvents(db, window, blocking),
    root_causes: causes,
    deadlocks,
    blocking,
    refusals: db
      .prepare(`SELECT kind AS reason, count(*) AS count, min(ts) AS first, max(ts) AS last, group_concat(DISTINCT coalesce(application_name, user_name)) AS applications
                  FROM ${WINDOW_ENTRIES} WHERE kind IN ('too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db') GROUP BY kind`)
      .all(params(window)) as Postmortem['refusals'],
    timeouts: db
      .prepare(`SELECT kind, count(*) AS count, group_concat(DISTINCT application_name) AS applications FROM ${WINDOW_ENTRIES}
                 WHERE family = 'timeout' GROUP BY kind ORDER BY count DESC`)
      .all(params(window)) as Postmortem['timeouts'],
    top_statements_by_time: statementsByTime(db, window),
    top_statements_by_errors: statementsByErrors(db, window),
    applications: applications(db, window),
    histogram: hist.buckets,
    bucket_seconds: hist.seconds,
    missing: findLoggingGaps(db),
    redacted: false,
  };
}
