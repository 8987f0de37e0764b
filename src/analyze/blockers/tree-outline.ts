/**
 * A window's blocking trees, most waiting caused first, without building the forest
 * of every lock wait: groups wholly inside the window have the trees the derive pass
 * stored (`blocking_trees`; see wait-groups.ts for why they are the same), only groups
 * the window cuts are rebuilt from their episodes in it. A tree's waiters are built
 * when it is drawn. Stores without `blocking_trees` build every tree (buildBlockingTrees).
 * Only the first `limit` trees are outlined: a long log holds a hundred thousand, and
 * reading every one's figures would take seconds (SQLite takes the first ones from
 * the `blocking_trees_by_wait` index).
 */
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { buildBlockingForest, type BlockingTree, type Episode } from './blocking-forest.js';
import { EPISODE_COLUMNS, IN_WINDOW, readEpisodes } from './episode-rows.js';
import { rootFacts, type RootFacts } from './root-facts.js';
import { treeView, type BlockingTreeView } from './tree-view.js';
import { waiterRows } from './waiter-rows.js';

export interface TreeHead {
  /** The stored group the tree is read from; null when it was built here (`view` is then set). */
  group: number | null;
  root: number;
  waitMs: number;
  sessions: number;
  firstBlocked: BlockingTree['firstBlocked'];
  /** Lines its waiters take drawn (a session under two blockers twice), and its root's statements. */
  waiterRows: number;
  statements: number;
  view?: BlockingTreeView;
}

/** A tree built here, its root facts not read yet: only the trees outlined need them. */
type BuiltHead = Omit<TreeHead, 'statements'> & { tree: BlockingTree };

export interface TreeOutline {
  /** The first trees of the window, at most the limit asked for. */
  trees: readonly TreeHead[];
  /** How many trees the window has. */
  total: number;
  /** The whole tree of trees[n], built once. */
  view(n: number): BlockingTreeView;
}

const CONTAINED = `(@to IS NULL OR (g.unstarted = 0 AND g.last_start <= @to)) AND (@from IS NULL OR g.first_end IS NULL OR g.first_end >= @from)`;
const TOUCHED = `(@to IS NULL OR g.first_start <= @to) AND (@from IS NULL OR g.unended > 0 OR g.last_end >= @from)`;

/** The order of `blockers`: most waiting first, then in the order the roots first blocked someone. */
function byWaiting(a: Pick<TreeHead, 'waitMs' | 'firstBlocked'>, b: Pick<TreeHead, 'waitMs' | 'firstBlocked'>): number {
  return b.waitMs - a.waitMs || a.firstBlocked.episode - b.firstBlocked.episode || a.firstBlocked.position - b.firstBlocked.position;
}

/** byWaiting in SQL, which the `blocking_trees_by_wait` index serves. */
const BY_WAITING = 't.wait_ms DESC, t.first_blocked_id, t.first_blocked_position';

function builtHeads(episodes: readonly Episode[]): BuiltHead[] {
  return buildBlockingForest(episodes).map((tree) => ({
    group: null, root: tree.root, waitMs: tree.waitMs, sessions: tree.sessions, firstBlocked: tree.firstBlocked,
    waiterRows: waiterRows(tree.children), tree,
  }));
}

/** A built tree outlined: its root facts read, its view made. */
function outlined(db: Store, head: TreeHead | BuiltHead): TreeHead {
  if (!('tree' in head)) return head;
  const { tree, ...rest } = head;
  const view = treeView(tree, rootFacts(db, tree));
  return { ...rest, statements: view.root.statements.length, view };
}

interface StoredHead {
  group_id: number;
  root_pid: number;
  wait_ms: number;
  sessions: number;
  first_blocked_id: number;
  first_blocked_position: number;
  waiter_rows: number;
  statements: number;
}

/** The first `limit` stored trees of the groups inside the window, the trees of the groups it cuts, and how many are stored. */
function storedHeads(db: Store, params: { from: string | null; to: string | null }, limit: number): { heads: Array<TreeHead | BuiltHead>; stored: number } {
  const stored = db
    .prepare(
      `SELECT t.group_id, t.root_pid, t.wait_ms, t.sessions, t.first_blocked_id, t.first_blocked_position, t.waiter_rows, t.statements
         FROM blocking_trees t JOIN blocking_groups g ON g.id = t.group_id WHERE ${CONTAINED} ORDER BY ${BY_WAITING} LIMIT @limit`,
    )
    .all({ ...params, limit: Number.isFinite(limit) ? limit : -1 }) as StoredHead[];
  const count = stored.length < limit
    ? stored.length
    : (db.prepare(`SELECT count(*) FROM blocking_trees t JOIN blocking_groups g ON g.id = t.group_id WHERE ${CONTAINED}`).pluck().get(params) as number);
  const heads: Array<TreeHead | BuiltHead> = stored.map((t): TreeHead => ({
    group: t.group_id, root: t.root_pid, waitMs: t.wait_ms, sessions: t.sessions,
    firstBlocked: { episode: t.first_blocked_id, position: t.first_blocked_position }, waiterRows: t.waiter_rows, statements: t.statements,
  }));
  const cut = db.prepare(`SELECT id FROM blocking_groups g WHERE ${TOUCHED} AND NOT (${CONTAINED})`).pluck().all(params) as number[];
  const inCut = db.prepare(
    `SELECT ${EPISODE_COLUMNS} FROM lock_waits
      WHERE id IN (SELECT lock_wait_id FROM blocking_group_waits WHERE group_id = @group) AND ${IN_WINDOW} ORDER BY id`,
  );
  for (const group of cut) heads.push(...builtHeads(readEpisodes(inCut, { ...params, group })));
  return { heads, stored: count };
}

function storedView(db: Store, head: TreeHead): BlockingTreeView {
  const episodes = readEpisodes(
    db.prepare(`SELECT ${EPISODE_COLUMNS} FROM lock_waits WHERE id IN (SELECT lock_wait_id FROM blocking_group_waits WHERE group_id = ?) ORDER BY id`),
    [head.group],
  );
  const tree = buildBlockingForest(episodes).find((t) => t.root === head.root && t.firstBlocked.episode === head.firstBlocked.episode);
  const facts = db
    .prepare('SELECT root_facts FROM blocking_trees WHERE group_id = ? AND root_pid = ? AND first_blocked_id = ?')
    .pluck()
    .get(head.group, head.root, head.firstBlocked.episode) as string | undefined;
  if (tree === undefined || facts === undefined) {
    throw new Error(`blocking_trees: no tree of root pid ${head.root} from lock wait ${head.firstBlocked.episode} in group ${head.group}; re-run the ingest to rebuild the derived tables`);
  }
  return treeView(tree, JSON.parse(facts) as RootFacts);
}

function windowParams(window: TimeWindow): { from: string | null; to: string | null } {
  return { from: window.from ?? null, to: window.to ?? null };
}

function episodesIn(db: Store, window: TimeWindow): Episode[] {
  return readEpisodes(db.prepare(`SELECT ${EPISODE_COLUMNS} FROM lock_waits WHERE ${IN_WINDOW}`), windowParams(window));
}

/**
 * Every tree of the window built from all its lock waits, in the order of the outline:
 * what the stored trees are checked against, and what stores without them get.
 */
export function buildBlockingTrees(db: Store, window: TimeWindow): BlockingTreeView[] {
  return buildBlockingForest(episodesIn(db, window)).map((tree) => treeView(tree, rootFacts(db, tree)));
}

/** The window's first `limit` trees (all of them without it), most waiting first. */
export function loadTreeOutline(db: Store, window: TimeWindow, limit = Infinity): TreeOutline {
  let found: Array<TreeHead | BuiltHead> = [];
  let total = 0;
  if (hasTable(db, 'blocking_trees')) {
    const { heads, stored } = storedHeads(db, windowParams(window), limit);
    found = heads;
    total = stored + heads.filter((h) => 'tree' in h).length;
  } else if (hasTable(db, 'lock_waits')) {
    found = builtHeads(episodesIn(db, window));
    total = found.length;
  }
  const heads = found.sort(byWaiting).slice(0, limit).map((h) => outlined(db, h));
  const views = new Map<number, BlockingTreeView>();
  return {
    trees: heads,
    total,
    view(n) {
      const head = heads[n];
      if (head === undefined) throw new RangeError(`no blocking tree ${n}`);
      let view = head.view ?? views.get(n);
      if (view === undefined) views.set(n, (view = storedView(db, head)));
      return view;
    },
  };
}
