/**
 * Which files a folder walk or an archive listing passes over without a word:
 * hidden files (editor swap files, `.DS_Store`, macOS `._x.log` resource forks)
 * and files that are plainly not logs (our own SQLite store, images, pid files),
 * which would otherwise each cost the user a "not a log" warning. Anything else
 * is offered, so a file in an unknown format gets reported, not silently lost.
 * A file named explicitly on the command line is never skipped.
 *
 *   isSkippedPath('pg_log/postgresql-Mon.log') === false
 *   isSkippedPath('__MACOSX/pg_log/._postgresql-Mon.log') === true
 */
const NOT_LOGS = /\.(?:db|db-wal|db-shm|db-journal|sqlite3?|sqlite3?-(?:wal|shm|journal)|png|jpe?g|gif|webp|bmp|ico|svg|pdf|pid)$/i;

export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || NOT_LOGS.test(name);
}

/** For archive members: a `/`-separated path, skipped if any part is hidden or the name is not a log. */
export function isSkippedPath(path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '');
  const name = parts[parts.length - 1];
  if (name === undefined || isSkippedName(name)) return true;
  return parts.some((p) => p.startsWith('.') || p === '__MACOSX');
}
