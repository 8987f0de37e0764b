/** Root-cause candidates: blocking trees, deadlock patterns, crashes, connection exhaustion. */
import type Database from 'better-sqlite3';
import type { BlockingTreeView } from '../commands/blockers.js';
import type { DeadlockPattern } from './deadlock-patterns.js';
import { shortTime } from '../util/time-arg.js';
import { oneLine } from '../util/text-table.js';
import { entryEvidence, evidenceOf, type EntryRow } from './evidence.js';
import type { Counts, Evidence, RootCause } from './postmortem.js';
import { kindList, SLOT_REFUSAL_KINDS, windowEntries, type Window } from './store-queries.js';

/** `deadlocks`: the window's largest deadlock patterns (see deadlock-patterns.ts). */
export function rootCauses(db: Database.Database, w: Window, blocking: BlockingTreeView[], deadlocks: DeadlockPattern[], c: Counts): RootCause[] {
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
  for (const d of deadlocks) {
    causes.push({
      title: `${d.count} deadlock${d.count === 1 ? '' : 's'} between ${d.key}`,
      explanation: `Transactions took the same locks in opposite orders (${d.modes.join(', ')}). Queries involved: ${d.queries.join(' | ')}.`,
      evidence: d.evidence,
    });
  }
  const entries = windowEntries(w);
  const crashes = db
    .prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line, e.detail FROM ${entries.sql} e JOIN files f ON f.id = e.file_id WHERE e.kind = 'server_crash' ORDER BY e.ts`)
    .all(entries.params) as Array<EntryRow & { detail: string | null }>;
  for (const r of crashes) {
    causes.push({
      title: `server crash: ${oneLine(r.message, 100)}`,
      explanation: `${r.detail ? oneLine(r.detail, 200) : 'The failed query was not logged.'} Every other backend was terminated and the server went through crash recovery.${/signal 9/.test(r.message) ? ' Signal 9 usually means the kernel OOM killer (or a kill -9).' : ''}`,
      evidence: [evidenceOf(r)],
    });
  }
  if (c.refused_connections > 0) {
    const first = db.prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line FROM ${entries.sql} e JOIN files f ON f.id = e.file_id WHERE e.kind IN (${kindList(SLOT_REFUSAL_KINDS)}) ORDER BY e.ts LIMIT 1`).get(entries.params) as EntryRow;
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

