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

const CASES: Array<[string, () => Episode[], { root: number; sessions: number; episodes: number }]> = [
  ['eleven sessions each held by all the others and by 9000', () => {
    const pids = range(100, 11);
    return pids.map((p) => episode(p, [...pids.filter((q) => q !== p), 9000]));
  }, { root: 9000, sessions: 11, episodes: 11 }],
  ['a chain 5 000 deep', () => range(100, 5000).map((p) => episode(p, [p + 1])), { root: 5100, sessions: 5000, episodes: 5000 }],
  ['a pool of 40 pids blocking one another over 600 waits, at unrelated times', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    return range(0, 600).map((i) => {
      const pid = 4100 + rand(40);
      let holder = 4100 + rand(40);
      if (holder === pid) holder = 7777;
      return episode(pid, [i % 50 === 0 ? 7777 : holder], i * 97);
    });
  }, { root: 7777, sessions: 40, episodes: 600 }],
];

describe('buildBlockingForest on hostile graphs', () => {
  for (const [name, make, want] of CASES) {
    it(name, () => {
      const episodes = make();
      const trees = buildBlockingForest(episodes);
      const tree = trees.find((t) => t.root === want.root)!;
      assert.ok(tree, `a tree rooted at ${want.root}`);
      assert.equal(tree.sessions, want.sessions);
      const reached = episodes.filter((e) => e.pid !== want.root);
      assert.equal(reached.length, want.episodes);
      assert.equal(tree.waitMs, reached.reduce((s, e) => s + e.wait_ms!, 0), 'every episode counted once');
      const { depth, expanded, count } = shape(tree.children);
      assert.ok(depth <= MAX_DEPTH, `depth ${depth}`);
      assert.equal(new Set(expanded).size, expanded.length, 'each pid\'s waiters listed once');
      assert.ok(count <= episodes.length * 12, `${count} nodes`);
      assert.doesNotThrow(() => JSON.stringify(tree));
    });
  }
});
