/**
 * Blocking trees (from `loadBlockers`) as screen rows: each root blocker with its
 * facts, then the sessions queued behind it drawn as a tree. Every row knows the
 * entry that is its evidence, for Enter.
 */
import type { BlockingTreeView, WaiterView } from '../../commands/blockers.js';
import { oneLine } from '../../util/text-table.js';
import { shortTime } from '../../util/time-arg.js';

export interface BlockerRow {
  tree: number;
  kind: 'root' | 'fact' | 'waiter';
  text: string;
  entryId: number | null;
}

function waiterText(w: WaiterView): string {
  const on = w.relation !== null && !w.object.includes(w.relation) ? `${w.object} (${w.relation})` : w.object;
  const waited = w.wait_ms === null ? '?' : `${(w.wait_ms / 1000).toFixed(2)} s`;
  return `pid ${w.pid}${w.application_name ? ` ${w.application_name}` : ''} waits ${w.mode} on ${on}: ${waited}, ${w.resolution}${w.statement ? ` — ${oneLine(w.statement, 200)}` : ''}`;
}

function drawWaiters(tree: number, waiters: readonly WaiterView[], indent: string, out: BlockerRow[]): void {
  waiters.forEach((w, i) => {
    const last = i === waiters.length - 1;
    out.push({ tree, kind: 'waiter', text: `${indent}${last ? '└─ ' : '├─ '}${waiterText(w)}`, entryId: w.evidence_entry_id });
    drawWaiters(tree, w.waiters, `${indent}${last ? '   ' : '│  '}`, out);
  });
}

export function blockerRows(trees: readonly BlockingTreeView[], folded: ReadonlySet<number>): BlockerRow[] {
  const out: BlockerRow[] = [];
  trees.forEach((t, n) => {
    const r = t.root;
    const who = [r.application_name, r.user_name && r.database_name ? `${r.user_name}@${r.database_name}` : r.user_name].filter(Boolean).join(', ');
    const lastStatement = r.statements.at(-1);
    out.push({
      tree: n,
      kind: 'root',
      text: `${folded.has(n) ? '▸' : '▾'} ROOT pid ${r.pid}${who ? ` (${who})` : ''}: held up ${t.sessions_held_up} session${t.sessions_held_up === 1 ? '' : 's'}, ${(t.total_wait_ms / 1000).toFixed(1)} s of waiting`,
      entryId: lastStatement?.entry_id ?? r.ended.entry_id,
    });
    if (folded.has(n)) return;
    out.push({ tree: n, kind: 'fact', text: `  holding since ${shortTime(r.holding_since)} (${r.holding_since_evidence})`, entryId: null });
    out.push({ tree: n, kind: 'fact', text: `  ended: ${r.ended.how}${r.ended.ts ? ` at ${shortTime(r.ended.ts)}` : ''}`, entryId: r.ended.entry_id });
    for (const s of r.statements) out.push({ tree: n, kind: 'fact', text: `  ran ${shortTime(s.ts).slice(11)}  ${oneLine(s.text, 200)}`, entryId: s.entry_id });
    if (r.statements.length === 0) out.push({ tree: n, kind: 'fact', text: '  its statements were not logged', entryId: null });
    drawWaiters(n, t.waiters, '  ', out);
  });
  return out;
}
