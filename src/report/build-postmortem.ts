/**
 * Builds the postmortem from the store: the window's numbers, its key events in
 * order, the candidate root causes with their evidence, and the breakdowns.
 */
import type Database from 'better-sqlite3';
import { loadBlockers, type BlockingTreeView } from '../commands/blockers.js';
import { loadDeadlocks } from '../commands/deadlocks.js';
import { findLoggingGaps } from '../analyze/gaps/logging-gaps.js';
import { shortTime } from '../util/time-arg.js';
import { oneLine } from '../util/text-table.js';
import type { Counts, Postmortem, RootCause } from './postmortem.js';
import { kindList, SLOT_REFUSAL_KINDS, type Window } from './store-queries.js';
import { keyEvents } from './key-events.js';
import { rootCauses } from './root-causes.js';
import { applications, statementsByErrors, statementsByTime } from './breakdowns.js';
import { windowCounts } from './window-counts.js';
import { deadlockPatterns } from './deadlock-patterns.js';
import { KIND_NAMES, KINDS } from '../classify/index.js';
import { NOT_MIRRORED_SQL } from '../derive/mirror-files.js';
import { inWindow } from '../store/window-bounds.js';

const TIMEOUT_KINDS = KIND_NAMES.filter((k) => KINDS[k].family === 'timeout');

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

/**
 * Blocking trees a report holds at most, most waiting first: it shows five and reasons
 * over a few; a long log has a hundred thousand, each costing a rebuild of its group.
 */
export const REPORT_TREES = 50;

/** Deadlocks a report holds at most, in time order: it shows a few; a storm leaves hundreds of thousands. */
export const REPORT_DEADLOCKS = 50;

/** Deadlock patterns named as root causes. */
const DEADLOCK_PATTERNS = 3;

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
  const { deadlocks, total: deadlocksTotal } = loadDeadlocks(opts.dbPath, {
    ...(window.from && { from: window.from }), ...(window.to && { to: window.to }), limit: REPORT_DEADLOCKS,
  });
  const { trees: blocking, total: blockingTotal } = loadBlockers({
    db: opts.dbPath, ...(window.from && { from: window.from }), ...(window.to && { to: window.to }), limit: REPORT_TREES,
  });
  const { counts: c, histogram, bucket_seconds } = windowCounts(db, window);
  const causes = rootCauses(db, window, blocking, deadlockPatterns(db, window, DEADLOCK_PATTERNS), c);
  const bounds = inWindow(window);
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
    deadlocks_total: deadlocksTotal,
    blocking,
    blocking_total: blockingTotal,
    refusals: db
      .prepare(`SELECT kind AS reason, count(*) AS count, min(ts) AS first, max(ts) AS last, group_concat(DISTINCT coalesce(application_name, user_name)) AS applications
                  FROM entries WHERE kind IN (${kindList(SLOT_REFUSAL_KINDS)}) AND ${bounds.sql} AND ${NOT_MIRRORED_SQL} GROUP BY kind`)
      .all(bounds.params) as Postmortem['refusals'],
    timeouts: db
      .prepare(`SELECT kind, count(*) AS count, group_concat(DISTINCT application_name) AS applications FROM entries
                 WHERE kind IN (${kindList(TIMEOUT_KINDS)}) AND ${bounds.sql} AND ${NOT_MIRRORED_SQL} GROUP BY kind ORDER BY count DESC`)
      .all(bounds.params) as Postmortem['timeouts'],
    top_statements_by_time: statementsByTime(db, window),
    top_statements_by_errors: statementsByErrors(db, window),
    applications: applications(db, window),
    histogram,
    bucket_seconds,
    missing: findLoggingGaps(db),
    redacted: false,
  };
}
