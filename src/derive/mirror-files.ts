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
 * Seconds, the precision every format has: ts is `YYYY-MM-DDTHH:MM:SS.mmmZ`, and every
 * ts of the second `s` sorts from `s` to just before `s/` ('/' follows '.').
 */
const SECOND_END = '/';

/**
 * Marks each file whose entries are all in a larger file (by its entries' count) as
 * that file's mirror. Only pairs whose time spans nest are compared (rotated files
 * follow one another; different servers' logs seldom hold the same pids, messages
 * and seconds), each entry looked up by pid and time, stopping at the first one the
 * larger file lacks. Files are taken largest first, so that mirror_of always names a
 * file that is not a mirror itself.
 *
 * Entries are looked up, not counted: an entry a backend logs twice in one second
 * (pgbench's short statements) is found in a file that has it once. A file in which
 * every other entry is found is a copy of the same log all the same.
 */
function markContainedFiles(db: Database.Database): number {
  const pairs = db
    .prepare(
      `SELECT f.id AS f, g.id AS g, f.first_ts AS first, f.last_ts AS last
         FROM files f JOIN files g ON g.entries > f.entries
        WHERE f.mirror_of IS NULL AND g.mirror_of IS NULL AND f.entries > 0
          AND f.status IN ('complete', 'partial') AND g.status IN ('complete', 'partial')
          AND f.first_ts IS NOT NULL AND g.first_ts IS NOT NULL
          AND substr(g.first_ts, 1, 19) <= substr(f.first_ts, 1, 19) AND substr(g.last_ts, 1, 19) >= substr(f.last_ts, 1, 19)
        ORDER BY f.entries DESC, f.id, g.entries DESC, g.id`,
    )
    .all() as Array<{ f: number; g: number; first: string; last: string }>;
  if (pairs.length === 0) return 0;
  // After a first ingest the bulk indexes are not built yet (they are next): these two are needed now.
  for (const name of ['entries_ts', 'entries_pid_ts'] as const) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${BULK_INDEXES[name]!}`);
  const inOther = `EXISTS (SELECT 1 FROM entries g INDEXED BY entries_pid_ts
      WHERE g.pid IS f.pid AND %TIME% AND g.file_id = :g AND g.severity = f.severity AND g.message = f.message)`;
  const missingTimed = db.prepare(
    `SELECT 1 FROM entries f INDEXED BY entries_ts
      WHERE f.ts >= :first AND f.ts <= :last AND f.file_id = :f
        AND NOT ${inOther.replace('%TIME%', `g.ts >= substr(f.ts, 1, 19) AND g.ts < substr(f.ts, 1, 19) || '${SECOND_END}'`)}
      LIMIT 1`,
  );
  const missingUntimed = db.prepare(
    `SELECT 1 FROM entries f INDEXED BY entries_ts
      WHERE f.ts IS NULL AND f.file_id = :f AND NOT ${inOther.replace('%TIME%', 'g.ts IS NULL')}
      LIMIT 1`,
  );
  const update = db.prepare('UPDATE files SET mirror_of = ? WHERE id = ?');
  const mirrors = new Set<number>();
  for (const p of pairs) {
    if (mirrors.has(p.f) || mirrors.has(p.g)) continue;
    const args = { f: p.f, g: p.g, first: p.first, last: p.last };
    if (missingTimed.get(args) !== undefined) continue;
    if (missingUntimed.get({ f: p.f, g: p.g }) !== undefined) continue;
    update.run(p.g, p.f);
    mirrors.add(p.f);
  }
  return mirrors.size;
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
