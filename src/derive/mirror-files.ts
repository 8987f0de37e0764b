/**
 * Finds files that log events another file logs too: the stderr, csvlog and jsonlog
 * outputs of one server (log_destination = 'stderr,csvlog,jsonlog'), the same log
 * ingested from two places, an older snapshot of a log stored after the newer one, an
 * excerpt pasted from a log already stored. Derived facts must count such events
 * once, so a mirror's entries are skipped by the derivers (they stay in `entries`).
 *
 * Two files mirror each other when they have the same number of entries and the
 * same order-independent hash of (pid, severity, message): the formats differ in
 * framing, time precision and line order, never in those. A smaller file mirrors a
 * larger one when each of its entries is in the larger one: same pid, severity and
 * message in the same second (stderr's %t prints no milliseconds).
 */
import type Database from 'better-sqlite3';
import { BULK_INDEXES } from '../store/schema.js';

/** The condition on `entries` that leaves mirrors out: everything counts an event once, as the derivers do. */
export const NOT_MIRRORED_SQL = `file_id NOT IN (SELECT id FROM files WHERE mirror_of IS NOT NULL)`;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Marks every mirror (files.mirror_of), equal copies then contained ones; returns how many files are mirrors. */
export function markMirrorFiles(db: Database.Database): number {
  return markEqualFiles(db) + markContainedFiles(db);
}

function markEqualFiles(db: Database.Database): number {
  db.function('pgautopsy_fnv', { deterministic: true }, (pid: unknown, severity: unknown, message: unknown) =>
    fnv1a(`${String(pid)}|${String(severity)}|${String(message)}`),
  );
  // Only files with as many entries as another file can mirror it: hash just those.
  const signatures = db
    .prepare(
      `SELECT file_id, count(*) AS n, sum(pgautopsy_fnv(pid, severity, message)) AS h
         FROM entries WHERE file_id IN (SELECT id FROM files WHERE entries > 0 AND entries IN
           (SELECT entries FROM files GROUP BY entries HAVING count(*) > 1))
        GROUP BY file_id ORDER BY file_id`,
    )
    .all() as Array<{ file_id: number; n: number; h: number }>;
  const first = new Map<string, number>();
  const update = db.prepare('UPDATE files SET mirror_of = ? WHERE id = ?');
  let mirrors = 0;
  db.prepare('UPDATE files SET mirror_of = NULL').run();
  for (const s of signatures) {
    const key = `${s.n}:${s.h}`;
    const original = first.get(key);
    if (original === undefined) first.set(key, s.file_id);
    else {
      update.run(original, s.file_id);
      mirrors++;
    }
  }
  return mirrors;
}

/**
 * Marks each file whose entries are all in a larger file (by its entries' count) as
 * that file's mirror. Only pairs whose time spans nest are compared (rotated files
 * follow one another; different servers' logs seldom hold the same pids, messages
 * and seconds). Files are taken largest first, so that mirror_of always names a file
 * that is not a mirror itself.
 */
function markContainedFiles(db: Database.Database): number {
  const pairs = db
    .prepare(
      `SELECT f.id AS f, g.id AS g, f.first_ts AS first, f.last_ts AS last, f.entries
         FROM files f JOIN files g ON g.entries > f.entries
        WHERE f.mirror_of IS NULL AND g.mirror_of IS NULL AND f.entries > 0
          AND f.status IN ('complete', 'partial') AND g.status IN ('complete', 'partial')
          AND f.first_ts IS NOT NULL AND g.first_ts IS NOT NULL
          AND substr(g.first_ts, 1, 19) <= substr(f.first_ts, 1, 19) AND substr(g.last_ts, 1, 19) >= substr(f.last_ts, 1, 19)
        ORDER BY f.entries DESC, f.id, g.entries DESC, g.id`,
    )
    .all() as ContainmentPair[];
  if (pairs.length === 0) return 0;
  // After a first ingest the bulk indexes are not built yet (they are next): this one is needed now.
  db.exec(`CREATE INDEX IF NOT EXISTS entries_ts ON ${BULK_INDEXES.entries_ts!}`);
  // One string a row: its second, 'f' or 'g', then what must match. Rows read as objects took 3 times as long.
  const bothInTimeOrder = db
    .prepare(
      `SELECT substr(ts, 1, ${SECOND}) || iif(file_id = :f, 'f', 'g') || coalesce(pid, '') || char(0) || severity || char(0) || message
         FROM entries INDEXED BY entries_ts WHERE ts >= :from AND ts < :to AND file_id IN (:f, :g) ORDER BY ts`,
    )
    .pluck();
  const update = db.prepare('UPDATE files SET mirror_of = ? WHERE id = ?');
  const mirrors = new Set<number>();
  for (const p of pairs) {
    if (mirrors.has(p.f) || mirrors.has(p.g)) continue;
    const rows = bothInTimeOrder.iterate({ f: p.f, g: p.g, from: p.first.slice(0, SECOND), to: `${p.last.slice(0, SECOND)}${SECOND_END}` });
    if (!isContained(rows as Iterable<string>, p.entries)) continue;
    update.run(p.g, p.f);
    mirrors.add(p.f);
  }
  return mirrors.size;
}

interface ContainmentPair {
  f: number;
  g: number;
  first: string;
  last: string;
  entries: number;
}

/**
 * Seconds, the precision every format has: ts is `YYYY-MM-DDTHH:MM:SS.mmmZ`, and every
 * ts of the second `s` sorts from `s` to just before `s/` ('/' follows '.').
 */
const SECOND_END = '/';
/** The length of `YYYY-MM-DDTHH:MM:SS`. */
const SECOND = 19;

/**
 * Whether each of f's entries (`entries` of them) has one in g with the same pid,
 * severity and message in the same second (stderr's %t prints no milliseconds), read
 * from both files' entries of f's span in time order: one second of g's entries is
 * held at a time, and the reading stops at the first second where f has an entry g
 * lacks. Looking each entry up in g by pid and time instead read every entry of that
 * pid and second again: 9 minutes for a 90 MB snapshot of the 100 MB bench log, where
 * a backend logs hundreds a second.
 *
 * Entries are looked up, not counted: an entry a backend logs twice in one second is
 * found in a file that has it once. A file in which every other entry is found is a
 * copy of the same log all the same. A file with entries that have no time (none of
 * them inside its span) is not taken for a copy.
 */
function isContained(rows: Iterable<string>, entries: number): boolean {
  let second = '';
  const inG = new Set<string>();
  let ofF: string[] = [];
  let seen = 0;
  const allFound = (): boolean => ofF.every((k) => inG.has(k));
  for (const row of rows) {
    if (second.length === 0 || !row.startsWith(second)) {
      if (!allFound()) return false;
      inG.clear();
      ofF = [];
      second = row.slice(0, SECOND);
    }
    const key = row.slice(SECOND + 1);
    if (row.charCodeAt(SECOND) === 102 /* f */) {
      ofF.push(key);
      seen++;
    } else inG.add(key);
  }
  return allFound() && seen === entries;
}

/** A stored file whose entries are all in a larger one (markContainedFiles). */
export interface ContainedFile {
  path: string;
  entries: number;
  /** The larger file's path. */
  within: string;
}

/** The files marked as contained in a larger one; equal copies (a server's csvlog beside its stderr) are not listed. */
export function containedFiles(db: Database.Database): ContainedFile[] {
  return db
    .prepare(
      `SELECT f.path, f.entries, g.path AS within FROM files f JOIN files g ON g.id = f.mirror_of
        WHERE f.entries < g.entries ORDER BY f.id`,
    )
    .all() as ContainedFile[];
}
