/** Blocking trees as `blockers` prints them (and --json gives them): root facts, then the waiters. */
import type { BlockedNode, BlockingTree } from './blocking-forest.js';
import type { RootFacts } from './root-facts.js';

export interface WaiterView {
  pid: number;
  application_name: string | null;
  mode: string;
  object: string;
  relation: string | null;
  start_ts: string | null;
  end_ts: string | null;
  wait_ms: number | null;
  resolution: string;
  statement: string | null;
  evidence_entry_id: number;
  waiters: WaiterView[];
}

export interface BlockingTreeView {
  root: RootFacts;
  sessions_held_up: number;
  total_wait_ms: number;
  first_wait: string | null;
  last_end: string | null;
  waiters: WaiterView[];
}

/** A waiter and those queued behind it, its longest episode standing for it. */
export function waiterView(node: BlockedNode): WaiterView {
  const e = [...node.episodes].sort((a, b) => (b.wait_ms ?? 0) - (a.wait_ms ?? 0))[0]!;
  return {
    pid: node.pid, application_name: e.application_name, mode: e.mode, object: e.object, relation: e.relation,
    start_ts: e.start_ts, end_ts: e.end_ts, wait_ms: e.wait_ms, resolution: e.resolution, statement: e.statement,
    evidence_entry_id: e.start_entry_id, waiters: node.children.map(waiterView),
  };
}

export function treeView(tree: BlockingTree, root: RootFacts): BlockingTreeView {
  return {
    root,
    sessions_held_up: tree.sessions,
    total_wait_ms: tree.waitMs,
    first_wait: tree.firstWait,
    last_end: tree.lastEnd,
    waiters: tree.children.map(waiterView),
  };
}
