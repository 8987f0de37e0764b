/**
 * Who blocked whom, as trees. A lock-wait episode names the holders and the wait
 * queue; a waiter is held up by whoever is ahead of it in the queue with a
 * conflicting request (the lock queue is FIFO: a SELECT behind a waiting ALTER
 * TABLE waits for the ALTER, not only for the holder), otherwise by the holders.
 * Roots are blockers that were not waiting themselves at the time: the sessions to
 * look at first. A root has one tree per stretch of time in which someone waited for
 * it: a long-lived or pooled backend that blocks at 10:00 and again at 14:00 held two
 * different transactions' locks, and one tree spanning both would claim four hours.
 */
import { pushTo } from '../../util/push-to.js';
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
    pushTo(byPid, e.pid, e);
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

/** Episodes by start (one without a start first), then in the log's order. */
function byStart(a: Episode, b: Episode): number {
  const as = a.start_ts ?? '';
  const bs = b.start_ts ?? '';
  return as < bs ? -1 : as > bs ? 1 : a.id - b.id;
}

/**
 * Each pid's episodes by start, with the latest end so far: the episodes of a pid
 * that overlap an interval are found without reading all of them (a pooled backend
 * can wait thousands of times in a log).
 */
function waitsByPid(episodes: readonly Episode[]): (pid: number, during: Episode) => Episode[] {
  const byPid = new Map<number, { list: Episode[]; maxEnd: string[] }>();
  for (const e of episodes) {
    let w = byPid.get(e.pid);
    if (w === undefined) byPid.set(e.pid, (w = { list: [], maxEnd: [] }));
    w.list.push(e);
  }
  for (const w of byPid.values()) {
    w.list.sort(byStart);
    let max = '';
    for (const e of w.list) w.maxEnd.push((max = (e.end_ts ?? '\uffff') > max ? (e.end_ts ?? '\uffff') : max));
  }
  return (pid, during) => {
    const w = byPid.get(pid);
    if (w === undefined) return [];
    const end = during.end_ts ?? '\uffff';
    const start = during.start_ts ?? '';
    // The last episode starting by the interval's end, then back while an earlier one can still reach its start.
    let lo = 0;
    let hi = w.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((w.list[mid]!.start_ts ?? '') <= end) lo = mid + 1;
      else hi = mid;
    }
    const found: Episode[] = [];
    for (let i = lo - 1; i >= 0 && w.maxEnd[i]! >= start; i--) if (w.list[i] !== during && overlaps(w.list[i]!, during)) found.push(w.list[i]!);
    return found;
  };
}

/**
 * Blocking trees, in time: a waiter hangs under its blocker's own wait when the
 * blocker was itself waiting at the time (the root's hold is what kept both), and
 * under the blocker as a root when it was not. Pids recur (long-lived and pooled
 * backends wait and block many times in a log): a wait is only linked to waits it
 * overlapped, never to what the same pid did hours apart.
 */
export function buildBlockingForest(episodes: readonly Episode[]): BlockingTree[] {
  const index = indexEpisodes(episodes);
  const waitingDuring = waitsByPid(episodes);
  /** Per root pid, the episodes it held up while not waiting itself, and its place among each one's blockers. */
  const rootEdges = new Map<number, Episode[]>();
  const positions = new Map<Episode, Map<number, number>>();
  /** Per episode id, the episodes that waited for its waiter while it waited. */
  const under = new Map<number, Episode[]>();
  for (const e of episodes) {
    for (const [position, blocker] of blockersOf(e, index).entries()) {
      const waiting = waitingDuring(blocker, e);
      if (waiting.length === 0) {
        const edges = rootEdges.get(blocker);
        if (edges === undefined) rootEdges.set(blocker, [e]);
        else if (edges.at(-1) !== e) edges.push(e);
        let at = positions.get(e);
        if (at === undefined) positions.set(e, (at = new Map()));
        if (!at.has(blocker)) at.set(blocker, position);
      }
      for (const f of waiting) {
        const list = under.get(f.id);
        if (list === undefined) under.set(f.id, [e]);
        else if (list.at(-1) !== e) list.push(e);
      }
    }
  }
  // A cycle (a deadlock) has no root; its members are reported by `deadlocks`.

  /** Episodes grouped by waiter, in first-seen order. */
  const byWaiter = (eps: Iterable<Episode>): Map<number, Episode[]> => {
    const groups = new Map<number, Episode[]>();
    for (const e of eps) {
      const g = groups.get(e.pid);
      if (g === undefined) groups.set(e.pid, [e]);
      else if (!g.includes(e)) g.push(e);
    }
    return groups;
  };
  const below = (eps: readonly Episode[]): Episode[] => eps.flatMap((e) => under.get(e.id) ?? []);

  /**
   * The tree as shown. The same pid can be reached along many paths, as many as the
   * orderings of a crowd: each pid's waiters are listed under its first appearance
   * only, and no deeper than MAX_DEPTH (a chain of thousands, from hostile or absurd
   * logs, would otherwise overflow every recursive reader of the tree). The tree's
   * figures count everyone.
   */
  function grow(root: number, edges: readonly Episode[]): BlockedNode[] {
    const expanded = new Set([root]);
    // The pids from the root down to here: one waiting on an ancestor is a cycle, not shown.
    const path = new Set([root]);
    const level = (eps: readonly Episode[], depth: number): BlockedNode[] => {
      const nodes: BlockedNode[] = [];
      for (const [pid, own] of byWaiter(eps)) {
        if (path.has(pid)) continue;
        const expand = depth < MAX_DEPTH && !expanded.has(pid);
        expanded.add(pid);
        path.add(pid);
        nodes.push({ pid, episodes: own, children: expand ? level(below(own), depth + 1) : [] });
        path.delete(pid);
      }
      return nodes;
    };
    return level(edges, 1);
  }

  /** Every episode the root held up through these edges, directly or not, each once. */
  function reach(root: number, edges: readonly Episode[]): Map<number, Episode> {
    const seen = new Map<number, Episode>();
    const todo = [...edges];
    while (todo.length > 0) {
      const e = todo.pop()!;
      if (seen.has(e.id) || e.pid === root) continue;
      seen.set(e.id, e);
      for (const next of under.get(e.id) ?? []) todo.push(next);
    }
    return seen;
  }

  const trees = [...rootEdges].flatMap(([root, edges]) => holdingStretches(edges).map((stretch): BlockingTree => {
    const reached = reach(root, stretch);
    let firstWait: string | null = null;
    let lastEnd: string | null = null;
    let waitMs = 0;
    const pids = new Set<number>();
    for (const e of reached.values()) {
      pids.add(e.pid);
      if (e.start_ts !== null && (firstWait === null || e.start_ts < firstWait)) firstWait = e.start_ts;
      if (e.end_ts !== null && (lastEnd === null || e.end_ts > lastEnd)) lastEnd = e.end_ts;
      waitMs += e.wait_ms ?? 0;
    }
    const first = stretch[0]!;
    const firstBlocked = { episode: first.id, position: positions.get(first)!.get(root)! };
    return { root, children: grow(root, stretch), sessions: pids.size, waitMs, firstWait, lastEnd, firstBlocked };
  }));
  return trees.sort((a, b) => b.waitMs - a.waitMs);
}

/**
 * A root's direct waits split where nobody was waiting for it: the stretches in which
 * it held what others wanted, each in the episodes' order (the first is where the
 * stretch's tree first blocked someone). A wait without a start reaches back to the
 * log's beginning, one without an end to its end, as `overlaps` reads them.
 */
export function holdingStretches(edges: readonly Episode[]): Episode[][] {
  const stretchOf = new Map<Episode, number>();
  let stretch = -1;
  let end = '';
  for (const e of [...edges].sort(byStart)) {
    if (stretch < 0 || (e.start_ts ?? '') > end) {
      stretch++;
      end = '';
    }
    stretchOf.set(e, stretch);
    const own = e.end_ts ?? '\uffff';
    if (own > end) end = own;
  }
  const stretches: Episode[][] = Array.from({ length: stretch + 1 }, () => []);
  for (const e of edges) stretches[stretchOf.get(e)!]!.push(e);
  return stretches.sort((a, b) => a[0]!.id - b[0]!.id);
}
