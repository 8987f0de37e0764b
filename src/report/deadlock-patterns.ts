/**
 * The window's deadlocks grouped by who took part and on what ("delayed_job and puma on
 * variants"), largest groups first: the pattern a postmortem names as a root cause.
 *
 * Read as one stream of participants in time order, keeping per group only its count,
 * its first and last deadlock, its lock modes and its first queries. Building every
 * deadlock's view to group them took 14–22 s on a store of 213 k deadlocks.
 */
import type Database from 'better-sqlite3';
import { oneLine } from '../util/text-table.js';
import { inWindow } from '../store/window-bounds.js';
import type { Evidence } from './postmortem.js';
import type { Window } from './store-queries.js';

export interface DeadlockPattern {
  /** "<applications> on <relation>" */
  key: string;
  count: number;
  /** "<mode> on <object type>", in the order first seen. */
  modes: string[];
  /** The first three queries seen, on one line each. */
  queries: string[];
  /** The group's first and last deadlock (one when it has one). */
  evidence: Evidence[];
}

/** How many different queries a pattern names. */
const QUERIES_NAMED = 3;

interface Seen {
  id: number;
  entryId: number;
  ts: string | null;
  victim: number | null;
}

interface Group {
  key: string;
  count: number;
  first: Seen;
  last: Seen;
  modes: Set<string>;
  queries: Set<string>;
}

/** A participant row: its deadlock's fields, then its own. */
type Row = [id: number, entryId: number, ts: string | null, victim: number | null, relation: string | null, application: string | null, participantRelation: string | null, objectType: string, mode: string, query: string | null];

export function deadlockPatterns(db: Database.Database, w: Window, top: number): DeadlockPattern[] {
  const b = inWindow(w, 'd.ts');
  const rows = db
    .prepare(
      `SELECT d.id, d.entry_id, d.ts, d.victim_pid, d.relation, p.application_name, p.relation, p.object_type, p.mode, p.query
         FROM deadlocks d JOIN deadlock_participants p ON p.deadlock_id = d.id
        WHERE ${b.sql} ORDER BY d.ts, d.id, p.position`,
    )
    .raw(true)
    .iterate(b.params) as IterableIterator<Row>;
  const groups = new Map<string, Group>();
  let current: Row[] = [];
  const close = (): void => {
    const [first] = current;
    if (first === undefined) return;
    const apps = [...new Set(current.map((r) => r[5] ?? 'unknown app'))].sort().join(' and ');
    const key = `${apps} on ${first[4] ?? [...new Set(current.map((r) => r[6] ?? r[7]))].join('/')}`;
    const seen: Seen = { id: first[0], entryId: first[1], ts: first[2], victim: first[3] };
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { key, count: 0, first: seen, last: seen, modes: new Set(), queries: new Set() }));
    g.count += 1;
    g.last = seen;
    for (const r of current) {
      g.modes.add(`${r[8]} on ${r[7]}`);
      if (g.queries.size < QUERIES_NAMED) g.queries.add(oneLine(r[9], 70));
    }
    current = [];
  };
  for (const row of rows) {
    if (current.length > 0 && current[0]![0] !== row[0]) close();
    current.push(row);
  }
  close();
  const location = db.prepare('SELECT f.path AS file, e.line_start AS line FROM entries e JOIN files f ON f.id = e.file_id WHERE e.id = ?');
  const evidenceOf = (s: Seen): Evidence => {
    const at = location.get(s.entryId) as { file: string; line: number };
    return { entry_id: s.entryId, ts: s.ts, file: at.file, line: at.line, text: `deadlock detected: victim pid ${s.victim}` };
  };
  // A stable sort: groups of the same size stay in the order they first deadlocked.
  return [...groups.values()]
    .sort((x, y) => y.count - x.count)
    .slice(0, top)
    .map((g) => ({
      key: g.key,
      count: g.count,
      modes: [...g.modes],
      queries: [...g.queries],
      evidence: (g.first.id === g.last.id ? [g.first] : [g.first, g.last]).map(evidenceOf),
    }));
}
