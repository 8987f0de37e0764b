/** The key events of a window, in time order, each with its evidence. */
import type Database from 'better-sqlite3';
import type { BlockingTreeView } from '../commands/blockers.js';
import { entryEvidence, evidenceOf, type EntryRow } from './evidence.js';
import type { KeyEvent } from './postmortem.js';
import { windowEntries, type Window } from './store-queries.js';

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

export function keyEvents(db: Database.Database, w: Window, blocking: BlockingTreeView[]): KeyEvent[] {
  const entries = windowEntries(w);
  const select = `SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line
                    FROM ${entries.sql} e JOIN files f ON f.id = e.file_id`;
  const events: KeyEvent[] = [];
  const notable = db.prepare(`${select} WHERE e.kind IN (${Object.keys(NOTABLE).map((k) => `'${k}'`).join(', ')}) ORDER BY e.ts, e.id LIMIT 60`).all(entries.params) as EntryRow[];
  for (const r of notable) events.push({ ts: r.ts, what: `${NOTABLE[r.kind]}${r.pid !== null ? ` (pid ${r.pid}${r.application_name ? `, ${r.application_name}` : ''})` : ''}`, evidence: evidenceOf(r) });
  for (const [kind, label] of Object.entries(BURSTS)) {
    const total = db.prepare(`SELECT count(*) FROM ${entries.sql} WHERE kind = @kind`).pluck().get({ ...entries.params, kind }) as number;
    if (total === 0) continue;
    const first = db.prepare(`${select} WHERE e.kind = @kind ORDER BY e.ts, e.id LIMIT 1`).get({ ...entries.params, kind }) as EntryRow;
    events.push({ ts: first.ts, what: total === 1 ? `${label}` : `first ${label} (${total} in all)`, evidence: evidenceOf(first) });
    if (total > 1) {
      const last = db.prepare(`${select} WHERE e.kind = @kind ORDER BY e.ts DESC, e.id DESC LIMIT 1`).get({ ...entries.params, kind }) as EntryRow;
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

