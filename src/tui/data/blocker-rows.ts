/**
 * Blocking trees as screen rows: each root blocker with its facts, then the sessions
 * queued behind it drawn as a tree. Every row knows the entry that is its evidence,
 * for Enter. Only the trees on screen are drawn (blockerPage): a whole log has
 * thousands of trees of hundreds of waiters each.
 */
import type { TreeOutline } from '../../analyze/blockers/tree-outline.js';
import type { BlockingTreeView, WaiterView } from '../../analyze/blockers/tree-view.js';
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

/** Tree n's rows: its root line, and unless folded its facts and waiters. */
export function treeRows(t: BlockingTreeView, n: number, folded: boolean, out: BlockerRow[] = []): BlockerRow[] {
  const r = t.root;
  const who = [r.application_name, r.user_name && r.database_name ? `${r.user_name}@${r.database_name}` : r.user_name].filter(Boolean).join(', ');
  const lastStatement = r.statements.at(-1);
  out.push({
    tree: n,
    kind: 'root',
    text: `${folded ? '▸' : '▾'} ROOT pid ${r.pid}${who ? ` (${who})` : ''}: held up ${t.sessions_held_up} session${t.sessions_held_up === 1 ? '' : 's'}, ${(t.total_wait_ms / 1000).toFixed(1)} s of waiting`,
    entryId: lastStatement?.entry_id ?? r.ended.entry_id,
  });
  if (folded) return out;
  out.push({ tree: n, kind: 'fact', text: `  holding since ${shortTime(r.holding_since)} (${r.holding_since_evidence})`, entryId: null });
  out.push({ tree: n, kind: 'fact', text: `  ended: ${r.ended.how}${r.ended.ts ? ` at ${shortTime(r.ended.ts)}` : ''}`, entryId: r.ended.entry_id });
  for (const s of r.statements) out.push({ tree: n, kind: 'fact', text: `  ran ${shortTime(s.ts).slice(11)}  ${oneLine(s.text, 200)}`, entryId: s.entry_id });
  if (r.statements.length === 0) out.push({ tree: n, kind: 'fact', text: '  its statements were not logged', entryId: null });
  drawWaiters(n, t.waiters, '  ', out);
  return out;
}

/** Every row of every tree. */
export function blockerRows(trees: readonly BlockingTreeView[], folded: ReadonlySet<number>): BlockerRow[] {
  const out: BlockerRow[] = [];
  trees.forEach((t, n) => treeRows(t, n, folded.has(n), out));
  return out;
}

/**
 * Trees the screen lists at most: those below have the least waiting of a long log (the
 * whole of one can hold a hundred thousand), and outlining them all would take seconds.
 */
export const SCREEN_TREES = 1000;

/** Where each tree's root row is, with some trees folded, and how many rows there are. */
export interface BlockerLayout {
  starts: Int32Array;
  total: number;
}

export function blockerLayout(outline: TreeOutline, folded: ReadonlySet<number>): BlockerLayout {
  const starts = new Int32Array(outline.trees.length);
  let total = 0;
  outline.trees.forEach((t, n) => {
    starts[n] = total;
    total += folded.has(n) ? 1 : 3 + Math.max(1, t.statements) + t.waiterRows;
  });
  return { starts, total };
}

/** Rows [start, start + count): only the trees they fall in are built. */
export function blockerPage(outline: TreeOutline, layout: BlockerLayout, folded: ReadonlySet<number>, start: number, count: number): BlockerRow[] {
  const { starts } = layout;
  // The last tree whose root row is at or before `start`.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= start) lo = mid;
    else hi = mid - 1;
  }
  const out: BlockerRow[] = [];
  for (let n = lo; n < starts.length && starts[n]! < start + count; n++) treeRows(outline.view(n), n, folded.has(n), out);
  const from = start - (starts[lo] ?? 0);
  return out.slice(from, from + count);
}
