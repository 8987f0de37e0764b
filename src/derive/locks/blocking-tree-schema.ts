/**
 * The whole log's blocking trees, summarised once so that the blockers screen reads
 * a few thousand rows instead of building the forest of every lock wait (docs/schema.md).
 */
export const BLOCKING_TREE_SCHEMA = `
CREATE TABLE blocking_groups (
  id           INTEGER PRIMARY KEY,
  waits        INTEGER NOT NULL,
  first_start  TEXT,
  last_start   TEXT,
  unstarted    INTEGER NOT NULL,
  first_end    TEXT,
  last_end     TEXT,
  unended      INTEGER NOT NULL
);
CREATE TABLE blocking_group_waits (
  group_id     INTEGER NOT NULL,
  lock_wait_id INTEGER NOT NULL,
  PRIMARY KEY (group_id, lock_wait_id)
) WITHOUT ROWID;
CREATE TABLE blocking_trees (
  group_id               INTEGER NOT NULL,
  root_pid               INTEGER NOT NULL,
  wait_ms                REAL NOT NULL,
  sessions               INTEGER NOT NULL,
  first_wait             TEXT,
  last_end               TEXT,
  first_blocked_id       INTEGER NOT NULL,
  first_blocked_position INTEGER NOT NULL,
  waiter_rows            INTEGER NOT NULL,
  statements             INTEGER NOT NULL,
  root_facts             TEXT NOT NULL,
  -- A root has a tree per stretch of time in which it blocked someone (blocking-forest.ts).
  PRIMARY KEY (group_id, root_pid, first_blocked_id)
);
-- The blockers screen's order (tree-outline.ts), with what it outlines a tree by: the
-- first trees of a long log are read from here, without the rows' root facts.
CREATE INDEX blocking_trees_by_wait ON blocking_trees (wait_ms DESC, first_blocked_id, first_blocked_position, group_id, root_pid, sessions, waiter_rows, statements);
`;
