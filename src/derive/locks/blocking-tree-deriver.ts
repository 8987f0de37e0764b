/**
 * Blocking trees of the whole log (`blocking_groups`, `blocking_group_waits`,
 * `blocking_trees`), from `lock_waits` once it is complete: the episodes in groups
 * that cannot affect each other's trees (src/analyze/blockers/wait-groups.ts), each
 * group's forest, and each tree's size, order and root facts.
 */
import { buildBlockingForest, type Episode } from '../../analyze/blockers/blocking-forest.js';
import { readEpisodes } from '../../analyze/blockers/episode-rows.js';
import { rootFacts } from '../../analyze/blockers/root-facts.js';
import { waitGroups } from '../../analyze/blockers/wait-groups.js';
import { waiterRows } from '../../analyze/blockers/waiter-rows.js';
import type { Deriver } from '../deriver.js';
import { BLOCKING_TREE_SCHEMA } from './blocking-tree-schema.js';

/**
 * Only what the forest and the root facts read: the columns a screen shows are read
 * again for the few trees it draws.
 */
const LINK_COLUMNS = `id, pid, mode, '' AS object, object_key, NULL AS relation, start_ts, end_ts, wait_ms, '' AS resolution,
  holders, queue, NULL AS application_name, NULL AS user_name, NULL AS statement, start_entry_id, waits_for_xid`;

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
        const episodes = readEpisodes(db.prepare(`SELECT ${LINK_COLUMNS} FROM lock_waits ORDER BY id`));
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
