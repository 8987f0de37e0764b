/**
 * Blocking trees of the whole log (`blocking_groups`, `blocking_group_waits`,
 * `blocking_trees`), from `lock_waits` once it is complete: the episodes in groups
 * that cannot affect each other's trees (src/analyze/blockers/wait-groups.ts), each
 * group's forest, and each tree's size, order and root facts.
 */
import type Database from 'better-sqlite3';
import { buildBlockingForest, type Episode } from '../../analyze/blockers/blocking-forest.js';
import { rootFacts } from '../../analyze/blockers/root-facts.js';
import { waitGroups } from '../../analyze/blockers/wait-groups.js';
import { waiterRows } from '../../analyze/blockers/waiter-rows.js';
import type { Deriver } from '../deriver.js';
import { BLOCKING_TREE_SCHEMA } from './blocking-tree-schema.js';

type LinkRow = [number, number, string, string, string | null, string | null, number | null, string, string, number | null];

/**
 * The episodes with only what the forest and the root facts read (the columns a screen
 * shows are read again for the few trees it draws): each cell handed over costs, and
 * a log can hold a million waits.
 */
function readLinks(db: Database.Database): Array<Episode & { waits_for_xid: number | null }> {
  const rows = db
    .prepare('SELECT id, pid, mode, object_key, start_ts, end_ts, wait_ms, holders, queue, waits_for_xid FROM lock_waits ORDER BY id')
    .raw(true)
    .all() as LinkRow[];
  return rows.map(([id, pid, mode, object_key, start_ts, end_ts, wait_ms, holders, queue, waits_for_xid]) => ({
    id, pid, mode, object: '', object_key, relation: null, start_ts, end_ts, wait_ms, resolution: '',
    holders: JSON.parse(holders) as number[], queue: JSON.parse(queue) as number[],
    application_name: null, user_name: null, statement: null, start_entry_id: 0, waits_for_xid,
  }));
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

export const blockingTreeDeriver: Deriver = {
  name: 'blocking_trees',
  tables: ['blocking_groups', 'blocking_group_waits', 'blocking_trees'],
  schema: BLOCKING_TREE_SCHEMA,
  start(db) {
    return {
      push() {},
      finish() {
        if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lock_waits'`).get() === undefined) return;
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
        const episodes = readLinks(db);
        waitGroups(episodes).forEach((group, i) => {
          const id = i + 1;
          insertGroup.run({ id, ...bounds(group) });
          for (const e of group) insertWait.run(id, e.id);
          for (const tree of buildBlockingForest(group)) {
            const facts = rootFacts(db, tree);
            insertTree.run(
              id, tree.root, tree.waitMs, tree.sessions, tree.firstWait, tree.lastEnd, tree.firstBlocked.episode,
              tree.firstBlocked.position, waiterRows(tree.children), facts.statements.length, JSON.stringify(facts),
            );
          }
        });
      },
    };
  },
};
