/**
 * The blockers screen reads the trees the derive pass stored (blocking_trees) and
 * rebuilds only the groups a window cuts: whatever the window, the trees, their order
 * and their rows must be those `blockers` computes from every episode in it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBlockingTrees, loadTreeOutline, type TreeOutline } from '../../src/analyze/blockers/tree-outline.js';
import { waitGroups } from '../../src/analyze/blockers/wait-groups.js';
import { blockersCommand, loadBlockers } from '../../src/commands/blockers.js';
import { PassThrough } from 'node:stream';
import { writeBlockingTrees } from '../../src/derive/locks/blocking-tree-deriver.js';
import { openStoreReadOnly, type Store } from '../../src/store/open-store.js';
import { blockerLayout, blockerPage, blockerRows } from '../../src/tui/data/blocker-rows.js';
import { timeWindow, type TimeWindow } from '../../src/util/time-arg.js';
import { removeDir, runIngest, tempDir } from '../helpers/run-ingest.js';

describe('waitGroups', () => {
  const ep = (pid: number, holders: number[], queue: number[] = []) => ({ pid, holders, queue });
  const cases: Array<[string, ReturnType<typeof ep>[], number[][]]> = [
    ['none', [], []],
    ['one wait', [ep(1, [2])], [[1]]],
    ['unrelated waits apart', [ep(1, [2]), ep(3, [4])], [[1], [3]]],
    ['a chain through a blocker that waits', [ep(1, [2]), ep(3, [4]), ep(2, [5])], [[1, 2], [3]]],
    ['linked by the queue only', [ep(1, [2], [7, 1]), ep(3, [4], [7, 3])], [[1, 3]]],
    ['joined late: the first group keeps its place', [ep(1, [2]), ep(3, [4]), ep(5, [8]), ep(6, [4, 2])], [[1, 3, 6], [5]]],
  ];
  for (const [name, episodes, pids] of cases) {
    it(name, () => assert.deepEqual(waitGroups(episodes).map((g) => g.map((e) => e.pid)), pids));
  }
});

let dir: string;
let path: string;
let db: Store;
const windows: Array<[string, TimeWindow]> = [['whole log', {}]];

before(async () => {
  dir = tempDir();
  path = join(dir, 'store.db');
  // Two logs in one store: the off-outage pile-ups and run-main's chains, pids of both mixed.
  const run = await runIngest(['samples/off-outage/postgresql.log', 'samples/run-main/03-lock-waits.log', 'samples/run-main/01-deadlock-2proc.log'], { dbPath: path });
  const waits = run.db.prepare('SELECT start_ts, end_ts FROM lock_waits ORDER BY id').all() as Array<{ start_ts: string; end_ts: string | null }>;
  run.db.close();
  const plus = (ts: string, s: number) => new Date(Date.parse(ts) + s * 1000).toISOString();
  // Windows that hold whole incidents, cut them at either end, or hold one instant.
  waits.forEach((w, i) => {
    if (i % 23 !== 0) return;
    for (const s of [0, 1, 10, 60]) windows.push([`${w.start_ts} +${s} s`, { from: w.start_ts, to: plus(w.start_ts, s) }]);
    if (w.end_ts !== null) windows.push([`at ${w.end_ts}`, { from: w.end_ts, to: w.end_ts }], [`from ${w.end_ts}`, { from: w.end_ts }], [`to ${w.end_ts}`, { to: w.end_ts }]);
  });
  db = openStoreReadOnly(path);
});
after(() => {
  db.close();
  removeDir(dir);
});

const allViews = (outline: TreeOutline) => outline.trees.map((_, n) => outline.view(n));

describe('the stored trees are those blockers computes', () => {
  it('has windows that rebuild cut groups and windows that read stored ones', () => {
    assert.ok(windows.length > 40, `${windows.length} windows`);
    assert.ok(loadTreeOutline(db, {}).trees.every((t) => t.group !== null && t.view === undefined));
    assert.ok(windows.some(([, w]) => loadTreeOutline(db, w).trees.some((t) => t.group === null)), 'some window cuts a group');
  });

  it('in every window: the same trees, in the same order, with the same rows', () => {
    for (const [name, w] of windows) {
      const expected = buildBlockingTrees(db, timeWindow(w));
      const outline = loadTreeOutline(db, timeWindow(w));
      assert.deepEqual(allViews(outline), expected, name);
      for (const folded of [new Set<number>(), new Set([0, 2])]) {
        const layout = blockerLayout(outline, folded);
        const rows = blockerRows(expected, folded);
        assert.equal(layout.total, rows.length, `${name}: row count`);
        assert.deepEqual(blockerPage(outline, layout, folded, 0, layout.total), rows, `${name}: rows`);
      }
    }
  });

  it('in every window, the first n trees are the first n of all, with the window\'s count', () => {
    let cut = 0;
    for (const [name, w] of windows) {
      const all = loadTreeOutline(db, timeWindow(w));
      assert.equal(all.total, all.trees.length, name);
      for (const n of [1, 3, 10]) {
        const first = loadTreeOutline(db, timeWindow(w), n);
        assert.equal(first.total, all.total, `${name}: count`);
        assert.deepEqual(first.trees.map((_, k) => first.view(k)), all.trees.slice(0, n).map((_, k) => all.view(k)), `${name}: first ${n}`);
        if (first.trees.some((t) => t.group === null)) cut++;
      }
    }
    assert.ok(cut > 0, 'some windows rebuild a cut group among their first trees');
  });

  it('a page at any row is that slice of all the rows', () => {
    const outline = loadTreeOutline(db, {});
    const folded = new Set([1]);
    const layout = blockerLayout(outline, folded);
    const rows = blockerRows(buildBlockingTrees(db, {}), folded);
    assert.ok(rows.length > 100);
    for (let start = 0; start <= rows.length; start += 7) {
      assert.deepEqual(blockerPage(outline, layout, folded, start, 21), rows.slice(start, start + 21), `rows from ${start}`);
    }
  });

  it('a store without the stored trees builds them all, the same', () => {
    const old = join(dir, 'old.db');
    copyFileSync(path, old);
    const rw = new Database(old);
    rw.exec('DROP TABLE blocking_trees; DROP TABLE blocking_group_waits; DROP TABLE blocking_groups');
    rw.close();
    const oldDb = openStoreReadOnly(old);
    try {
      const outline = loadTreeOutline(oldDb, {});
      assert.ok(outline.trees.every((t) => t.group === null));
      assert.deepEqual(allViews(outline), buildBlockingTrees(db, {}));
      const first = loadTreeOutline(oldDb, {}, 4);
      assert.deepEqual({ views: allViews(first), total: first.total }, { views: allViews(outline).slice(0, 4), total: outline.trees.length });
    } finally {
      oldDb.close();
    }
  });
});

describe('blockers', () => {
  it('builds only the first --limit trees, most waiting first, and counts the rest', () => {
    const all = buildBlockingTrees(db, {});
    assert.ok(all.length > 5, `${all.length} trees`);
    assert.deepEqual(loadBlockers({ db: path }), { trees: all, total: all.length });
    assert.deepEqual(loadBlockers({ db: path, limit: 3 }), { trees: all.slice(0, 3), total: all.length });
    assert.deepEqual(loadBlockers({ db: path, limit: all.length + 1 }).trees, all);
  });

  it('says how many trees it left out, and how to see them', () => {
    const text = (limit: number) => {
      const out = new PassThrough();
      blockersCommand({ db: path, limit, json: false }, out);
      return String(out.read());
    };
    const total = loadBlockers({ db: path }).total;
    const cut = text(2);
    assert.equal(cut.match(/^Blocking tree \d+:/gm)?.length, 2);
    assert.match(cut, new RegExp(`… ${total - 2} more blocking trees in this window, none with more waiting than those above \\(--limit ${total} shows them all\\)\\.\n$`));
    const whole = text(total);
    assert.equal(whole.match(/^Blocking tree \d+:/gm)?.length, total);
    assert.doesNotMatch(whole, /more blocking tree/);
  });
});

describe('writeBlockingTrees', () => {
  const TABLES = ['blocking_groups', 'blocking_group_waits', 'blocking_trees'];
  const dump = (d: Database.Database) => TABLES.map((t) => d.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw(true).all());

  it('gives the same tables whatever the number of waits read at a time, down to one group a read', () => {
    const copy = join(dir, 'chunked.db');
    copyFileSync(path, copy);
    const d = new Database(copy);
    const derived = dump(d);
    assert.ok((derived[0] as unknown[]).length > 3 && (derived[2] as unknown[]).length > 3, 'several groups and trees');
    for (const chunk of [1, 7, 1_000_000]) {
      for (const t of TABLES) d.exec(`DELETE FROM ${t}`);
      writeBlockingTrees(d, chunk);
      assert.deepEqual(dump(d), derived, `${chunk} waits a read`);
    }
    d.close();
  });

  it('numbers and fills the groups as waitGroups() does over every wait', () => {
    const episodes = db.prepare('SELECT id, pid, holders, queue FROM lock_waits ORDER BY id').all() as Array<{ id: number; pid: number; holders: string; queue: string }>;
    const groups = waitGroups(episodes.map((e) => ({ ...e, holders: JSON.parse(e.holders) as number[], queue: JSON.parse(e.queue) as number[] })));
    const stored = db.prepare('SELECT group_id, lock_wait_id FROM blocking_group_waits ORDER BY group_id, lock_wait_id').raw(true).all();
    assert.deepEqual(stored, groups.flatMap((g, i) => g.map((e) => [i + 1, e.id])));
  });
});
