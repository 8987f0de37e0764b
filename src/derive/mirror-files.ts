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
 * message in the same second (stderr's %t prints no milliseconds), the message of its
 * last entry perhaps cut short (an excerpt that ends inside a multi-line statement).
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
  // Only files with as many entries as another file can mirror it, and only those that
  // share with another the sums SQLite makes by itself (mirrors do) are hashed: hashing
  // in JavaScript costs 3 µs an entry, and rotated logs of one size (600 files of 500
  // entries) had every entry hashed.
  const signatures = db
    .prepare(
      `WITH sums AS (
         SELECT file_id, count(*) AS n, sum(coalesce(pid, 0)) AS pids, sum(length(severity)) AS severities, sum(length(message)) AS messages
           FROM entries WHERE file_id IN (SELECT id FROM files WHERE entries > 0 AND entries IN
             (SELECT entries FROM files GROUP BY entries HAVING count(*) > 1))
          GROUP BY file_id),
       alike AS (
         SELECT file_id FROM sums WHERE (n, pids, severities, messages) IN
           (SELECT n, pids, severities, messages FROM sums GROUP BY n, pids, severities, messages HAVING count(*) > 1))
       SELECT file_id, count(*) AS n, sum(pgautopsy_fnv(pid, severity, message)) AS h
         FROM entries WHERE file_id IN (SELECT file_id FROM alike)
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
/** The length of `YYYY-MM-DDTHH:MM:SS`. */
const SECOND = 19;

/**
 * Marks each file whose entries are all in a larger file (by its entries' count) as
 * that file's mirror: each entry has one there with the same pid, severity and
 * message, at the same time or in the same second. Only pairs whose time spans nest
 * are compared (rotated files follow one another; different servers' logs seldom
 * hold the same pids, messages and seconds), and a comparison stops at the first
 * entry missing. Files are taken largest first, so that mirror_of always names a file
 * that is not a mirror itself.
 *
 * Each entry is looked up at its very time first: looked up anywhere in its second,
 * it read again every entry of its backend in that second, hundreds in a pgbench log
 * (9 minutes for a 90 MB snapshot of the 100 MB bench log beside it; 1.9 s so).
 * Entries are looked up, not counted: an entry a backend logs twice at one time is
 * found in a file that has it once; a file in which every other entry is found is a
 * copy of the same log all the same. A file with entries that have no time is not
 * taken for a copy.
 *
 * A pasted excerpt can end inside a multi-line message (a long statement): its last
 * entry then has the first part of the message the larger file has. That entry, and
 * only that one (the last line is the only place a cut leaves its mark), is found by
 * the start of its message.
 */
function markContainedFiles(db: Database.Database): number {
  const pairs = nestedPairs(
    db
      .prepare(
        `SELECT id, entries, first_ts AS first, last_ts AS last FROM files
          WHERE mirror_of IS NULL AND entries > 0 AND status IN ('complete', 'partial') AND first_ts IS NOT NULL AND last_ts IS NOT NULL`,
      )
      .all() as SpanFile[],
  );
  if (pairs.length === 0) return 0;
  // After a first ingest the bulk indexes are not built yet (they are next): these two are needed now.
  for (const name of ['entries_ts', 'entries_pid_ts'] as const) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${BULK_INDEXES[name]!}`);
  const sameSecond = `g.ts >= substr(f.ts, 1, ${SECOND}) AND g.ts < substr(f.ts, 1, ${SECOND}) || '${SECOND_END}'`;
  const inG = (time: string, message = 'g.message = f.message'): string => `EXISTS (SELECT 1 FROM entries g INDEXED BY entries_pid_ts
      WHERE g.pid IS f.pid AND ${time} AND g.file_id = :g AND g.severity = f.severity AND ${message})`;
  // An entry of f that g lacks, other than `skip`: looked up at its very time (the same
  // format has it to the millisecond), else anywhere in its second (stderr's %t prints
  // no milliseconds).
  const missing = db.prepare(
    `SELECT f.id FROM entries f INDEXED BY entries_ts
      WHERE f.ts >= :first AND f.ts <= :last AND f.file_id = :f AND f.id IS NOT :skip
        AND NOT ${inG('g.ts = f.ts')}
        AND NOT ${inG(sameSecond)}
      LIMIT 1`,
  ).pluck();
  // f's last entry, if g has a longer message that starts with its own in the same second.
  const cutShort = db.prepare(
    `SELECT f.id FROM entries f INDEXED BY entries_ts
      WHERE f.ts >= substr(:last, 1, ${SECOND}) AND f.ts <= :last AND f.file_id = :f
        AND f.line_start + f.line_count - 1 = (SELECT lines FROM files WHERE id = :f)
        AND ${inG(sameSecond, 'length(g.message) > length(f.message) AND substr(g.message, 1, length(f.message)) = f.message')}`,
  ).pluck();
  const untimed = db.prepare('SELECT 1 FROM entries INDEXED BY entries_ts WHERE ts IS NULL AND file_id = ? LIMIT 1');
  const update = db.prepare('UPDATE files SET mirror_of = ? WHERE id = ?');
  const mirrors = new Set<number>();
  const contained = (p: ContainmentPair): boolean => {
    const span = { f: p.f, g: p.g, first: p.first, last: p.last };
    const lacking = missing.get({ ...span, skip: null }) as number | undefined;
    if (lacking === undefined) return true;
    return cutShort.get({ f: p.f, g: p.g, last: p.last }) === lacking && missing.get({ ...span, skip: lacking }) === undefined;
  };
  for (const p of pairs) {
    if (mirrors.has(p.f) || mirrors.has(p.g)) continue;
    if (untimed.get(p.f) !== undefined || !contained(p)) continue;
    update.run(p.g, p.f);
    mirrors.add(p.f);
  }
  return mirrors.size;
}

interface SpanFile {
  id: number;
  entries: number;
  first: string;
  last: string;
}

interface ContainmentPair {
  f: number;
  g: number;
  first: string;
  last: string;
  entries: number;
}

/**
 * The pairs of files (f, g) where g has more entries and its span, to the second,
 * covers f's: largest f first, then largest g. Files are sorted by start, so that the
 * files that start no later than f are a prefix of the list, and the latest end among
 * them says at once whether any covers f. Rotated logs follow one another and none is
 * covered: a folder of them costs a sort, not a comparison of every pair.
 */
function nestedPairs(files: SpanFile[]): ContainmentPair[] {
  const second = (ts: string): string => ts.slice(0, SECOND);
  files.sort((a, b) => (second(a.first) < second(b.first) ? -1 : second(a.first) > second(b.first) ? 1 : 0));
  const latestEnd: string[] = [];
  for (const f of files) latestEnd.push(latestEnd.length === 0 || second(f.last) > latestEnd.at(-1)! ? second(f.last) : latestEnd.at(-1)!);
  const pairs: Array<ContainmentPair & { gEntries: number }> = [];
  let startedBy = 0;
  for (const f of files) {
    while (startedBy < files.length && second(files[startedBy]!.first) <= second(f.first)) startedBy++;
    if (latestEnd[startedBy - 1]! < second(f.last)) continue;
    for (let j = 0; j < startedBy; j++) {
      const g = files[j]!;
      if (g.entries > f.entries && second(g.last) >= second(f.last)) {
        pairs.push({ f: f.id, g: g.id, first: f.first, last: f.last, entries: f.entries, gEntries: g.entries });
      }
    }
  }
  return pairs.sort((a, b) => b.entries - a.entries || a.f - b.f || b.gEntries - a.gEntries || a.g - b.g);
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
