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

  function grow(pid: number, seen: Set<number>): BlockedNode[] {
    const kids = childrenOf.get(pid);
    if (!kids) return [];
    return [...kids.entries()]
      .filter(([child]) => !seen.has(child))
      .map(([child, eps]) => ({ pid: child, episodes: eps, children: grow(child, new Set([...seen, child])) }));
  }

  const trees = roots.map((root): BlockingTree => {
    const children = grow(root, new Set([root]));
    const all: Episode[] = [];
    const pids = new Set<number>();
    const walk = (nodes: BlockedNode[]) => {
      for (const n of nodes) {
        pids.add(n.pid);
        all.push(...n.episodes);
        walk(n.children);
      }
    };
    walk(children);
    const unique = [...new Map(all.map((e) => [e.id, e])).values()];
    let firstWait: string | null = null;
    let lastEnd: string | null = null;
    for (const e of unique) {
      if (e.start_ts !== null && (firstWait === null || e.start_ts < firstWait)) firstWait = e.start_ts;
      if (e.end_ts !== null && (lastEnd === null || e.end_ts > lastEnd)) lastEnd = e.end_ts;
    }
    return {
      root,
      children,
      sessions: pids.size,
      waitMs: unique.reduce((sum, e) => sum + (e.wait_ms ?? 0), 0),
      firstWait,
      lastEnd,
      firstBlocked: firstBlocked.get(root)!,
    };
  });
  return trees.sort((a, b) => b.waitMs - a.waitMs);
}
