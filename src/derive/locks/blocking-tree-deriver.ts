/**
 * Blocking trees of the whole log (`blocking_groups`, `blocking_group_waits`,
 * `blocking_trees`), from `lock_waits` once it is complete: the episodes in groups
 * that cannot affect each other's trees (src/analyze/blockers/wait-groups.ts), each
 * group's forest, and each tree's size, order and root facts.
 */
import type Database from 'better-sqlite3';
import { buildBlockingForest, type Episode } from '../../analyze/blockers/blocking-forest.js';
import { rootFacts } from '../../analyze/blockers/root-facts.js';
import { pidUnion } from '../../analyze/blockers/wait-groups.js';
import { waiterRows } from '../../analyze/blockers/waiter-rows.js';
import type { Deriver } from '../deriver.js';
import { BLOCKING_TREE_SCHEMA } from './blocking-tree-schema.js';
import { hasTable } from '../../store/has-table.js';

type LinkRow = [number, number, string, string, string | null, string | null, number | null, string, string, number | null];
type Link = Episode & { waits_for_xid: number | null };

/** Waits read and built at a time: a log can hold a million, and one group stays whole however big. */
const CHUNK_WAITS = 20_000;

/**
 * The groups of the lock waits (see waitGroups) without holding the waits: one pass
 * over each wait's pid, holders and queue, then each wait's group, numbered in the
 * order of its first wait as waitGroups() orders them. Returns every wait's id and
 * group (in id order) and each group's size.
 */
function groupWaits(db: Database.Database): { ids: Float64Array; groupOf: Int32Array; sizes: number[] } {
  const n = db.prepare('SELECT count(*) FROM lock_waits').pluck().get() as number;
  const ids = new Float64Array(n);
  const pids = new Float64Array(n);
  const union = pidUnion();
  let i = 0;
  const rows = db.prepare('SELECT id, pid, holders, queue FROM lock_waits ORDER BY id').raw(true).iterate() as IterableIterator<[number, number, string, string]>;
  for (const [id, pid, holders, queue] of rows) {
    ids[i] = id;
    pids[i++] = pid;
    union.link(pid, [...(JSON.parse(holders) as number[]), ...(JSON.parse(queue) as number[])]);
  }
  const groupOf = new Int32Array(n);
  const numbers = new Map<number, number>();
  const sizes: number[] = [0];
  for (let k = 0; k < n; k++) {
    const top = union.find(pids[k]!);
    let g = numbers.get(top);
    if (g === undefined) {
      numbers.set(top, (g = sizes.length));
      sizes.push(0);
    }
    groupOf[k] = g;
    sizes[g]!++;
  }
  return { ids, groupOf, sizes };
}

/**
 * The episodes of groups `from`..`to`, group by group, each in id order, with only what
 * the forest and the root facts read (the columns a screen shows are read again for the
 * few trees it draws): each cell handed over costs.
 */
function readGroups(db: Database.Database, from: number, to: number): Map<number, Link[]> {
  const rows = db
    .prepare(
      `SELECT g.group_id, lw.id, lw.pid, lw.mode, lw.object_key, lw.start_ts, lw.end_ts, lw.wait_ms, lw.holders, lw.queue, lw.waits_for_xid
         FROM blocking_group_waits g JOIN lock_waits lw ON lw.id = g.lock_wait_id
        WHERE g.group_id BETWEEN ? AND ? ORDER BY g.group_id, g.lock_wait_id`,
    )
    .raw(true)
    .all(from, to) as Array<[number, ...LinkRow]>;
  const groups = new Map<number, Link[]>();
  for (const [group, id, pid, mode, object_key, start_ts, end_ts, wait_ms, holders, queue, waits_for_xid] of rows) {
    let list = groups.get(group);
    if (list === undefined) groups.set(group, (list = []));
    list.push({
      id, pid, mode, object: '', object_key, relation: null, start_ts, end_ts, wait_ms, resolution: '',
      holders: JSON.parse(holders) as number[], queue: JSON.parse(queue) as number[],
      application_name: null, user_name: null, statement: null, start_entry_id: 0, waits_for_xid,
    });
  }
  return groups;
}

function bounds(group: readonly Episode[]) {
  const starts = group.map((e) => e.start_ts).filter((t): t is string => t !== null).sort();
  const ends = group.map((e) => e.end_ts).filter((t): t is string => t !== null).sort();
  return {
    waits: group.length,
    first_start: starts[0] ?? null, last_start: starts.at(-1) ?? null, unstarted: group.length - starts.length,
    first_end: ends[0] ?? null, last_end: ends.at(-1) ?? null, unended: group.length - ends.length,
  };
}

/** Writes the three tables from a complete `lock_waits`, `chunkWaits` waits (whole groups) at a time. */
export function writeBlockingTrees(db: Database.Database, chunkWaits = CHUNK_WAITS): void {
  const insertGroup = db.prepare(
    `INSERT INTO blocking_groups (id, waits, first_start, last_start, unstarted, first_end, last_end, unended)
     VALUES (@id, @waits, @first_start, @last_start, @unstarted, @first_end, @last_end, @unended)`,
  );
  const insertWait = db.prepare('INSERT INTO blocking_group_waits (group_id, lock_wait_id) VALUES (?, ?)');
  const insertTree = db.prepare(
    `INSERT INTO blocking_trees (group_id, root_pid, wait_ms, sessions, first_wait, last_end, first_blocked_id,
       first_blocked_position, waiter_rows, statements, root_facts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const { ids, groupOf, sizes } = groupWaits(db);
  for (let k = 0; k < ids.length; k++) insertWait.run(groupOf[k], ids[k]);
  for (let from = 1; from < sizes.length; ) {
    let to = from;
    for (let waits = sizes[from]!; to + 1 < sizes.length && waits + sizes[to + 1]! <= chunkWaits; ) waits += sizes[++to]!;
    for (const [id, group] of readGroups(db, from, to)) {
      insertGroup.run({ id, ...bounds(group) });
      for (const tree of buildBlockingForest(group)) {
        const facts = rootFacts(db, tree);
        insertTree.run(
          id, tree.root, tree.waitMs, tree.sessions, tree.firstWait, tree.lastEnd, tree.firstBlocked.episode,
          tree.firstBlocked.position, waiterRows(tree.children), facts.statements.length, JSON.stringify(facts),
        );
      }
    }
    from = to + 1;
  }
}

export const blockingTreeDeriver: Deriver = {
  name: 'blocking_trees',
  tables: ['blocking_groups', 'blocking_group_waits', 'blocking_trees'],
  schema: BLOCKING_TREE_SCHEMA,
  start(db) {
    return {
      push() {},
      finish() {
        if (!hasTable(db, 'lock_waits')) return;
        writeBlockingTrees(db);
      },
    };
  },
};
