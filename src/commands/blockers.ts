/** `pgautopsy blockers`: blocking trees from the lock-wait episodes, root blockers first. */
import type { Writable } from 'node:stream';
import { loadTreeOutline } from '../analyze/blockers/tree-outline.js';
import type { BlockingTreeView, WaiterView } from '../analyze/blockers/tree-view.js';
import { readStore } from '../store/open-store.js';
import { oneLine } from '../util/text-table.js';
import { pushTo } from '../util/push-to.js';
import { parseTimeArg, shortTime, timeWindow } from '../util/time-arg.js';
import { UsageError } from './errors.js';

export type { BlockingTreeView, WaiterView };

export interface BlockersOptions {
  db: string;
  at?: string;
  from?: string;
  to?: string;
  /** At most this many trees, most waiting first; all of them without it. */
  limit?: number;
  json: boolean;
}

export interface Blockers {
  trees: BlockingTreeView[];
  /** How many trees the window has, `trees` being the first of them. */
  total: number;
}

/**
 * The window's blocking trees, most waiting first. The whole log of a large store has
 * thousands: only the trees shown are built, from those the derive pass stored.
 */
export function loadBlockers(opts: Omit<BlockersOptions, 'json'>): Blockers {
  if (opts.at !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new UsageError('use --at, or --from/--to, not both');
  const window = opts.at !== undefined ? { from: parseTimeArg(opts.at, '--at'), to: parseTimeArg(opts.at, '--at') } : timeWindow(opts);
  return readStore(opts.db, (db) => {
    const outline = loadTreeOutline(db, window, opts.limit);
    return { trees: outline.trees.map((_, n) => outline.view(n)), total: outline.total };
  });
}

function describeWaiter(w: WaiterView): string {
  const on = w.relation ? `${w.object} (${w.relation})` : w.object;
  const waited = w.wait_ms === null ? '?' : `${(w.wait_ms / 1000).toFixed(2)} s`;
  return `pid ${w.pid}${w.application_name ? ` ${w.application_name}` : ''} waits ${w.mode} on ${on}: ${waited}, ${w.resolution}${w.statement ? ` — ${oneLine(w.statement, 70)}` : ''}`;
}

/** Past this many waiters on one level, the rest are summarised: a pile-up is hundreds of alike requests. */
const SHOWN_WAITERS = 6;

function summarise(rest: WaiterView[]): string {
  const groups = new Map<string, number>();
  for (const w of rest) {
    const key = `${w.application_name ?? '?'} ${w.mode}, ${w.resolution}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const total = rest.reduce((sum, w) => sum + (w.wait_ms ?? 0), 0);
  return `… ${rest.length} more waiting ${(total / 1000).toFixed(1)} s in all: ${[...groups].map(([k, n]) => `${n} × ${k}`).join('; ')}`;
}

function drawTree(all: WaiterView[], indent: string, out: string[]): void {
  const waiters = all.length > SHOWN_WAITERS + 1 ? all.slice(0, SHOWN_WAITERS) : all;
  const rest = all.slice(waiters.length);
  waiters.forEach((w, i) => {
    const last = i === waiters.length - 1 && rest.length === 0;
    out.push(`${indent}${last ? '└─ ' : '├─ '}${describeWaiter(w)}`);
    drawTree(w.waiters, `${indent}${last ? '   ' : '│  '}`, out);
  });
  if (rest.length > 0) out.push(`${indent}└─ ${summarise(rest)}`);
}

export function formatBlockingTree(t: BlockingTreeView, n: number): string {
  const r = t.root;
  const who = [r.application_name, r.user_name && r.database_name ? `${r.user_name}@${r.database_name}` : r.user_name].filter(Boolean).join(', ');
  const lines = [
    `Blocking tree ${n}: root pid ${r.pid}${who ? ` (${who})` : ''} held up ${t.sessions_held_up} session${t.sessions_held_up === 1 ? '' : 's'} for ${(t.total_wait_ms / 1000).toFixed(1)} s of waiting in all, ${shortTime(t.first_wait)} → ${shortTime(t.last_end)} UTC`,
    `  holding since: ${shortTime(r.holding_since)} (${r.holding_since_evidence})`,
    `  ended: ${r.ended.how}${r.ended.ts ? ` at ${shortTime(r.ended.ts)}` : ''}${r.ended.entry_id ? ` [entry ${r.ended.entry_id}]` : ''}`,
  ];
  if (r.statements.length > 0) {
    lines.push('  its last logged statements:');
    for (const s of r.statements) lines.push(`    ${shortTime(s.ts)}  ${oneLine(s.text, 90)}`);
  } else {
    lines.push('  its statements were not logged (log_min_duration_statement / log_statement would show them)');
  }
  drawTree(t.waiters, '  ', lines);
  return lines.join('\n');
}

/**
 * The roots of several of the trees listed, most waiting caused first: in a storm of
 * short blockings the same few backends come back tree after tree.
 */
export function repeatRoots(trees: readonly BlockingTreeView[]): string[] {
  // By pid and application: over a long window a pid may be another backend's.
  const byRoot = new Map<string, BlockingTreeView[]>();
  for (const t of trees) pushTo(byRoot, `${t.root.pid} ${t.root.application_name}`, t);
  return [...byRoot.values()]
    .filter((list) => list.length > 1)
    .map((list) => ({ list, waitMs: list.reduce((sum, t) => sum + t.total_wait_ms, 0) }))
    .sort((a, b) => b.waitMs - a.waitMs)
    .map(({ list, waitMs }) => {
      const r = list[0]!.root;
      const first = list.map((t) => t.first_wait).filter((x) => x !== null).sort()[0] ?? null;
      const last = list.map((t) => t.last_end).filter((x) => x !== null).sort().at(-1) ?? null;
      return `pid ${r.pid}${r.application_name ? ` (${r.application_name})` : ''}: root of ${list.length} trees, ${(waitMs / 1000).toFixed(1)} s of waiting caused, ${shortTime(first)} → ${shortTime(last)}`;
    });
}

export function blockersCommand(opts: BlockersOptions, out: Writable): number {
  const { trees, total } = loadBlockers(opts);
  if (opts.json) out.write(`${JSON.stringify(trees, null, 2)}\n`);
  else if (trees.length === 0) out.write('No blocking in this window (no lock waits were logged; is log_lock_waits on?).\n');
  else {
    const more = total - trees.length;
    const footer = more > 0 ? `\n\n… ${more} more blocking tree${more === 1 ? '' : 's'} in this window, none with more waiting than those above (--limit ${total} shows them all).` : '';
    const repeats = repeatRoots(trees);
    const roots = repeats.length > 0 ? `\n\nRoots of several trees above (a backend that blocked again and again):\n${repeats.map((line) => `  ${line}`).join('\n')}` : '';
    out.write(`${trees.map((t, i) => formatBlockingTree(t, i + 1)).join('\n\n')}${roots}${footer}\n`);
  }
  return trees.length;
}
