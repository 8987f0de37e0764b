/**
 * Finds files that log the same events as an earlier file: the stderr, csvlog and
 * jsonlog outputs of one server (log_destination = 'stderr,csvlog,jsonlog'), or the
 * same log ingested from two places. Derived facts must count such events once,
 * so a mirror's entries are skipped by the derivers (they stay in `entries`).
 *
 * Two files mirror each other when they have the same number of entries and the
 * same order-independent hash of (pid, severity, message): the formats differ in
 * framing, time precision and line order, never in those.
 */
import type Database from 'better-sqlite3';

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

export function markMirrorFiles(db: Database.Database): number {
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
