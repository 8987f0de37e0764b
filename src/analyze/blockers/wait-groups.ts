/**
 * Lock-wait episodes in groups that cannot affect each other's blocking trees: an
 * episode links its waiter to every pid it names (holders and queue), and a group is
 * what these links connect. Whom an episode waited for is decided among the pids it
 * names, a pid is a root only if none of its own waits is in the set, and a tree grows
 * along these links; so, for any set of episodes, the forest built from the whole set
 * is the forests of its parts in each group, put together. A group whose episodes all
 * fall in a window has the same trees in that window as in the whole log.
 */
import { pushTo } from '../../util/push-to.js';
import type { Episode } from './blocking-forest.js';

type Linked = Pick<Episode, 'pid' | 'holders' | 'queue'>;

/** A union-find over pids: `link` joins a waiter to the pids it names; `find` names its group. */
export function pidUnion(): { link(pid: number, named: Iterable<number>): void; find(pid: number): number } {
  const parent = new Map<number, number>();
  const find = (pid: number): number => {
    let top = pid;
    for (let up = parent.get(top); up !== undefined && up !== top; up = parent.get(top)) top = up;
    if (!parent.has(top)) parent.set(top, top);
    // Path compression: the next find from `pid` is one step.
    for (let at = pid; at !== top; ) {
      const up = parent.get(at)!;
      parent.set(at, top);
      at = up;
    }
    return top;
  };
  return {
    find,
    link(pid, named) {
      const a = find(pid);
      for (const other of named) {
        const b = find(other);
        if (b !== a) parent.set(b, a);
      }
    },
  };
}

/** The groups, each in the episodes' order, in the order of their first episode. */
export function waitGroups<E extends Linked>(episodes: readonly E[]): E[][] {
  const union = pidUnion();
  for (const e of episodes) union.link(e.pid, [...e.holders, ...e.queue]);
  const groups = new Map<number, E[]>();
  for (const e of episodes) {
    pushTo(groups, union.find(e.pid), e);
  }
  return [...groups.values()];
}
