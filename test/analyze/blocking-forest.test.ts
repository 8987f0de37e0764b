/**
 * The blocking forest on graphs no healthy server logs but a hostile or absurd log
 * can describe: everyone blocking everyone, a chain thousands deep, a pool of pids
 * blocking one another at unrelated times. Each tree counts everyone it held up and
 * each of their episodes once, lists each pid's waiters once, and stays shallow
 * enough for every recursive reader (the views, JSON, the screens).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildBlockingForest, MAX_DEPTH, type BlockedNode, type Episode } from '../../src/analyze/blockers/blocking-forest.js';

let nextId = 1;
function episode(pid: number, holders: number[], startSec = 0): Episode {
  const ts = (s: number) => new Date(Date.UTC(2026, 10, 26, 10) + s * 1000).toISOString();
  return {
    id: nextId++, pid, mode: 'ShareLock', object: 'transaction 123', object_key: 'transaction:123', relation: null,
    start_ts: ts(startSec), end_ts: ts(startSec + 1), wait_ms: 1000, resolution: 'acquired', holders, queue: [pid],
    application_name: null, user_name: null, statement: null, start_entry_id: nextId,
  };
}

function shape(nodes: readonly BlockedNode[], depth = 1): { depth: number; expanded: number[]; count: number } {
  let max = nodes.length > 0 ? depth : 0;
  const expanded: number[] = [];
  let count = 0;
  for (const n of nodes) {
    count++;
    if (n.children.length > 0) expanded.push(n.pid);
    const sub = shape(n.children, depth + 1);
    max = Math.max(max, sub.depth);
    expanded.push(...sub.expanded);
    count += sub.count;
  }
  return { depth: max, expanded, count };
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

const overlap = (a: Episode, b: Episode) => a.start_ts! <= b.end_ts! && b.start_ts! <= a.end_ts!;

/**
 * The plain reading, in quadratic time: a wait hangs under each wait of its holder
 * it overlapped, or from the holder as a root when the holder was not waiting then;
 * the root's own waits fall into stretches that overlap one another, one after the
 * other; a tree is every wait reachable from one stretch. Sorted by wait, then sessions.
 */
function reference(episodes: readonly Episode[], root: number): Array<{ sessions: number; waitMs: number }> {
  const direct = episodes.filter((e) => e.holders.includes(root) && !episodes.some((f) => f.pid === root && overlap(f, e)));
  const stretches: Episode[][] = [];
  for (const e of direct) {
    const joined = stretches.filter((s) => s.some((f) => overlap(e, f)));
    const merged = [e, ...joined.flat()];
    for (const s of joined) stretches.splice(stretches.indexOf(s), 1);
    stretches.push(merged);
  }
  return stretches
    .map((stretch) => {
      const seen = new Set<Episode>();
      const todo = [...stretch];
      while (todo.length > 0) {
        const e = todo.pop()!;
        if (seen.has(e) || e.pid === root) continue;
        seen.add(e);
        todo.push(...episodes.filter((f) => f !== e && f.holders.includes(e.pid) && overlap(e, f)));
      }
      return { sessions: new Set([...seen].map((e) => e.pid)).size, waitMs: [...seen].reduce((s, e) => s + e.wait_ms!, 0) };
    })
    .sort((a, b) => b.waitMs - a.waitMs || b.sessions - a.sessions);
}

const CASES: Array<[string, () => Episode[], { root: number; sessions: number }]> = [
  ['eleven sessions each held by all the others and by 9000', () => {
    const pids = range(100, 11);
    return pids.map((p) => episode(p, [...pids.filter((q) => q !== p), 9000]));
  }, { root: 9000, sessions: 11 }],
  ['a chain 5 000 deep', () => range(100, 5000).map((p) => episode(p, [p + 1])), { root: 5100, sessions: 5000 }],
  ['a pool of 40 pids blocking one another over 600 waits, at unrelated times', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    return range(0, 600).map((i) => {
      const pid = 4100 + rand(40);
      let holder = 4100 + rand(40);
      if (holder === pid) holder = 7777;
      // Waits of 1 s, started every 0.4 s: each overlaps a few others, not the whole log.
      return episode(pid, [i % 50 === 0 ? 7777 : holder], i * 0.4);
    });
  }, { root: 7777, sessions: -1 }],
];

describe('buildBlockingForest on hostile graphs', () => {
  for (const [name, make, want] of CASES) {
    it(name, () => {
      const episodes = make();
      const trees = buildBlockingForest(episodes).filter((t) => t.root === want.root);
      assert.ok(trees.length > 0, `a tree rooted at ${want.root}`);
      const expected = reference(episodes, want.root);
      if (want.sessions >= 0) assert.deepEqual(expected.map((t) => t.sessions), [want.sessions]);
      assert.deepEqual(
        trees.map((t) => ({ sessions: t.sessions, waitMs: t.waitMs })).sort((a, b) => b.waitMs - a.waitMs || b.sessions - a.sessions),
        expected,
        'in each stretch, everyone and every wait it held up, each once',
      );
      for (const tree of trees) {
        const { depth, expanded, count } = shape(tree.children);
        assert.ok(depth <= MAX_DEPTH, `depth ${depth}`);
        assert.equal(new Set(expanded).size, expanded.length, 'each pid\'s waiters listed once');
        assert.ok(count <= episodes.length * 12, `${count} nodes`);
        assert.doesNotThrow(() => JSON.stringify(tree));
      }
    });
  }
});

describe('buildBlockingForest in time', () => {
  it('a pid that waited once does not carry later waits on it into that tree', () => {
    // 7777 holds up 4103 at 00:00; 4103, free again, holds up 4102 an hour later.
    const a = { ...episode(4103, [7777], 0) };
    const b = { ...episode(4102, [4103], 3600) };
    const trees = buildBlockingForest([a, b]);
    assert.deepEqual(trees.map((t) => [t.root, t.sessions, t.children.map((n) => n.pid)]).sort(), [[4103, 1, [4102]], [7777, 1, [4103]]]);
  });
  it('a root that blocks at separate times has a tree for each stretch, and one for overlapping waits', () => {
    // 7777 holds up 4101 and 4102 in overlapping waits at 00:00, then 4103 an hour later.
    const a = episode(4101, [7777], 0);
    const b = episode(4102, [7777], 0.5);
    const c = episode(4103, [7777], 3600);
    const trees = buildBlockingForest([a, b, c]);
    assert.deepEqual(
      trees.map((t) => [t.root, t.sessions, t.waitMs, t.firstWait, t.lastEnd, t.firstBlocked.episode]).sort((x, y) => Number(x[5]) - Number(y[5])),
      [
        [7777, 2, 2000, a.start_ts, b.end_ts, a.id],
        [7777, 1, 1000, c.start_ts, c.end_ts, c.id],
      ],
    );
  });
  it('waits that only touch end to start, or reach back without a start, are one stretch', () => {
    const a = episode(4101, [7777], 0);
    const b = episode(4102, [7777], 1);
    const open = { ...episode(4103, [7777], 50), start_ts: null };
    const later = { ...episode(4104, [7777], 60), end_ts: null };
    const last = episode(4105, [7777], 3600);
    const trees = buildBlockingForest([a, b, open, later, last]);
    assert.deepEqual(trees.map((t) => t.sessions).sort(), [2, 3], 'a, b and the unstarted one; the unended one and the one after it');
  });
  it('a waiter behind a blocker that was itself waiting hangs under it, in the root\'s tree', () => {
    const a = episode(4103, [7777], 0);
    const b = episode(4102, [4103], 0.5);
    const trees = buildBlockingForest([a, b]);
    assert.equal(trees.length, 1);
    assert.deepEqual([trees[0]!.root, trees[0]!.sessions, trees[0]!.children[0]!.pid, trees[0]!.children[0]!.children[0]!.pid], [7777, 2, 4103, 4102]);
  });
});
