/**
 * Who blocked whom, as trees. A lock-wait episode names the holders and the wait
 * queue; a waiter is held up by whoever is ahead of it in the queue with a
 * conflicting request (the lock queue is FIFO: a SELECT behind a waiting ALTER
 * TABLE waits for the ALTER, not only for the holder), otherwise by the holders.
 * Roots are blockers that were not waiting themselves: the sessions to look at first.
 */
import { modesConflict } from './lock-conflicts.js';

export interface Episode {
  id: number;
  pid: number;
  mode: string;
  object: string;
  object_key: string;
  relation: string | null;
  start_ts: string | null;
  end_ts: string | null;
  wait_ms: number | null;
  resolution: string;
  holders: number[];
  queue: number[];
  application_name: string | null;
  user_name: string | null;
  statement: string | null;
  start_entry_id: number;
}

export interface BlockedNode {
  pid: number;
  episodes: Episode[];
  children: BlockedNode[];
}

export interface BlockingTree {
  root: number;
  children: BlockedNode[];
  /** Sessions held up, directly or not. */
  sessions: number;
  /** Sum of the wait times in the tree. */
  waitMs: number;
  firstWait: string | null;
  lastEnd: string | null;
  /**
   * Where the root first blocked someone: the episode's id and the root's place in
   * that episode's blockers. Trees of equal waiting keep this order.
   */
  firstBlocked: { episode: number; position: number };
}

function overlaps(a: Episode, b: Episode): boolean {
  const aEnd = a.end_ts ?? '\uffff';
  const bEnd = b.end_ts ?? '\uffff';
  return (a.start_ts ?? '') <= bEnd && (b.start_ts ?? '') <= aEnd;
}

/**
 * Episodes by object, then by waiter: who else requested this lock (maps, so the forest
 * is built in near-linear time; a pile-up's waiters each look up every pid ahead of them).
 */
export type EpisodeIndex = ReadonlyMap<string, ReadonlyMap<number, readonly Episode[]>>;

export function indexEpisodes(all: readonly Episode[]): EpisodeIndex {
  const index = new Map<string, Map<number, Episode[]>>();
  for (const e of all) {
    let byPid = index.get(e.object_key);
    if (byPid === undefined) index.set(e.object_key, (byPid = new Map<number, Episode[]>()));
    const list = byPid.get(e.pid);
    if (list === undefined) byPid.set(e.pid, [e]);
    else list.push(e);
  }
  return index;
}

/** The pids each episode's waiter waited for. */
export function blockersOf(e: Episode, index: EpisodeIndex): number[] {
  const position = e.queue.indexOf(e.pid);
  const ahead = position > 0 ? e.queue.slice(0, position) : [];
  const byPid = index.get(e.object_key);
  const queued = ahead.filter((pid) => (byPid?.get(pid) ?? []).some((o) => overlaps(o, e) && modesConflict(e.mode, o.mode)));
  return queued.length > 0 ? queued : e.holders.filter((pid) => pid !== e.pid);
}

/** Levels of waiters shown below a root; deeper ones are counted, not listed. */
export const MAX_DEPTH = 100;

export function buildBlockingForest(episodes: readonly Episode[]): BlockingTree[] {
  const byWaiter = new Set(episodes.map((e) => e.pid));
  const index = indexEpisodes(episodes);
  const childrenOf = new Map<number, Map<number, Episode[]>>();
  const firstBlocked = new Map<number, BlockingTree['firstBlocked']>();
  for (const e of episodes) {
    for (const [position, blocker] of blockersOf(e, index).entries()) {
      let kids = childrenOf.get(blocker);
      if (kids === undefined) {
        childrenOf.set(blocker, (kids = new Map<number, Episode[]>()));
        firstBlocked.set(blocker, { episode: e.id, position });
      }
      const eps = kids.get(e.pid);
      if (eps === undefined) kids.set(e.pid, [e]);
      else eps.push(e);
    }
  }
  const roots = [...childrenOf.keys()].filter((pid) => !byWaiter.has(pid));
  // A cycle (a deadlock) has no root; its members are reported by `deadlocks`.

  /**
   * The tree as shown. Pids blocked one another at other times too, so the same pid
   * can be reached along many paths, as many as the orderings of a crowd: each pid's
   * waiters are listed under its first appearance only, and no deeper than
   * MAX_DEPTH (a chain of thousands, from hostile or absurd logs, would otherwise
   * overflow every recursive reader of the tree). The tree's figures count everyone.
   */
  function grow(root: number): BlockedNode[] {
    const expanded = new Set([root]);
    // The pids from the root down to here: one waiting on an ancestor is a cycle, not shown.
    const path = new Set([root]);
    const level = (pid: number, depth: number): BlockedNode[] => {
      const kids = childrenOf.get(pid);
      if (!kids) return [];
      const nodes: BlockedNode[] = [];
      for (const [child, eps] of kids) {
        if (path.has(child)) continue;
        const expand = depth < MAX_DEPTH && !expanded.has(child);
        expanded.add(child);
        path.add(child);
        nodes.push({ pid: child, episodes: eps, children: expand ? level(child, depth + 1) : [] });
        path.delete(child);
      }
      return nodes;
    };
    return level(root, 1);
  }

  /** Everyone the root held up, directly or not, and their episodes: a walk of the graph, each pid once. */
  function reach(root: number): { pids: Set<number>; episodes: Map<number, Episode> } {
    const pids = new Set<number>();
    const episodes = new Map<number, Episode>();
    const todo = [root];
    while (todo.length > 0) {
      for (const [child, eps] of childrenOf.get(todo.pop()!) ?? []) {
        for (const e of eps) episodes.set(e.id, e);
        if (child === root || pids.has(child)) continue;
        pids.add(child);
        todo.push(child);
      }
    }
    return { pids, episodes };
  }

  const trees = roots.map((root): BlockingTree => {
    const { pids, episodes: reached } = reach(root);
    let firstWait: string | null = null;
    let lastEnd: string | null = null;
    let waitMs = 0;
    for (const e of reached.values()) {
      if (e.start_ts !== null && (firstWait === null || e.start_ts < firstWait)) firstWait = e.start_ts;
      if (e.end_ts !== null && (lastEnd === null || e.end_ts > lastEnd)) lastEnd = e.end_ts;
      waitMs += e.wait_ms ?? 0;
    }
    return {
      root,
      children: grow(root),
      sessions: pids.size,
      waitMs,
      firstWait,
      lastEnd,
      firstBlocked: firstBlocked.get(root)!,
    };
  });
  return trees.sort((a, b) => b.waitMs - a.waitMs);
}
