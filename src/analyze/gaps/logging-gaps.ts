/**
 * What the logs could not tell: evidence that a setting was off, each with the
 * setting to change and why it matters in an investigation. Reads the store only.
 */
import type Database from 'better-sqlite3';

export interface LoggingGap {
  setting: string;
  value: string;
  why: string;
}

function count(db: Database.Database, sql: string, ...args: unknown[]): number {
  return (db.prepare(sql).pluck().get(...args) as number | null) ?? 0;
}

export function findLoggingGaps(db: Database.Database): LoggingGap[] {
  const gaps: LoggingGap[] = [];
  const kinds = (list: string[]) => count(db, `SELECT count(*) FROM entries WHERE kind IN (${list.map(() => '?').join(', ')})`, ...list);
  const entries = count(db, 'SELECT count(*) FROM entries');
  if (entries === 0) return gaps;
  const prefixes = db.prepare(`SELECT DISTINCT prefix FROM files WHERE format IN ('stderr', 'syslog') AND prefix IS NOT NULL`).pluck().all() as string[];
  const structured = count(db, `SELECT count(*) FROM files WHERE format IN ('csv', 'json')`) > 0;
  const lacks = (escape: string) => !structured && prefixes.length > 0 && prefixes.every((p) => !p.includes(escape));
  const missing = ['%m', '%p', '%u', '%d', '%a', '%x'].filter((e) => (e === '%m' ? lacks('%m') && lacks('%t') && lacks('%n') : lacks(e)));
  if (missing.length > 0) {
    gaps.push({
      setting: 'log_line_prefix',
      value: `'%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x] '`,
      why: `the prefix has no ${missing.join(', ')}: without them entries cannot be tied to a session, an application or a transaction`,
    });
  }
  const deadlocksOrTimeouts = kinds(['deadlock', 'lock_timeout', 'statement_timeout']);
  if (deadlocksOrTimeouts > 0 && kinds(['lock_wait_still', 'lock_wait_acquired', 'lock_wait_deadlock_detected']) === 0) {
    gaps.push({ setting: 'log_lock_waits', value: 'on', why: `${deadlocksOrTimeouts} deadlocks or timeouts were logged but no lock waits: who waited for whom, and for how long, is lost` });
  }
  if (kinds(['duration']) === 0) {
    gaps.push({ setting: 'log_min_duration_statement', value: "'250ms'", why: 'no statement durations were logged: slow queries and what the blockers were running are invisible' });
  }
  if (kinds(['connection_received', 'connection_authorized']) === 0) {
    gaps.push({ setting: 'log_connections', value: 'on', why: 'no connections were logged: connection storms and which client opened what cannot be seen' });
  }
  if (kinds(['disconnection']) === 0) {
    gaps.push({ setting: 'log_disconnections', value: 'on', why: 'no disconnections were logged: session lengths and how sessions ended are unknown' });
  }
  if (kinds(['checkpoint_start', 'checkpoint_complete']) === 0) {
    gaps.push({ setting: 'log_checkpoints', value: 'on', why: 'no checkpoints were logged: I/O spikes from checkpoints cannot be told from other slowness' });
  }
  if (kinds(['autovacuum', 'autoanalyze']) === 0) {
    gaps.push({ setting: 'log_autovacuum_min_duration', value: "'1s'", why: 'no autovacuum runs were logged: vacuum contention and bloat cannot be seen' });
  }
  if (kinds(['temp_file']) === 0) {
    gaps.push({ setting: 'log_temp_files', value: "'0'", why: 'no temporary files were logged: queries spilling to disk are invisible' });
  }
  const sessions = count(db, `SELECT count(*) FROM entries WHERE user_name IS NOT NULL AND backend_type IS NOT 'autovacuum worker'`);
  const withApp = count(db, `SELECT count(*) FROM entries WHERE application_name IS NOT NULL AND application_name <> ''`);
  if (sessions > 0 && withApp === 0 && !missing.includes('%a')) {
    gaps.push({ setting: 'application_name (in the clients)', value: "e.g. PGAPPNAME=web / PGAPPNAME=jobs", why: 'no session set application_name: web requests cannot be told from background jobs' });
  }
  return gaps;
}
