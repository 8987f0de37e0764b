/**
 * One check per logging setting: what the logs alone prove about it, and, given the
 * server's settings, whether the actual value is good enough. "Not seen" is only
 * "missing" when the logs show something the setting would have logged.
 */
import type { LogFacts, Located } from './log-facts.js';

export type Status = 'ok' | 'missing' | 'unknown';

export interface Verdict {
  status: Status;
  evidence: string;
  at?: Located;
}

export interface Check {
  setting: string;
  /** the value to set with ALTER SYSTEM; null when it is not a server setting */
  recommend: string | null;
  why: string;
  fromLogs(f: LogFacts): Verdict;
  /** whether an actual value (from --settings) is good enough */
  valueOk?(value: string): boolean;
  /** the server default, for a postgresql.conf that does not set it */
  confDefault?: string;
}

export const RECOMMENDED_PREFIX = '%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x] ';
const PREFIX_NEEDS: Array<[string, string[]]> = [
  ['%m', ['%m', '%t', '%n']], ['%p', ['%p']], ['%u', ['%u']], ['%d', ['%d']], ['%a', ['%a']], ['%h', ['%h', '%r']], ['%x', ['%x']],
];

export function prefixLacks(prefix: string): string[] {
  return PREFIX_NEEDS.filter(([, any]) => !any.some((e) => prefix.includes(e))).map(([name]) => name);
}

const on = (v: string) => /^(on|true|yes|1)$/i.test(v.trim());
const notMinusOne = (v: string) => v.trim() !== '-1';
const n = (f: LogFacts, ...kinds: string[]) => kinds.reduce((s, k) => s + (f.kinds.get(k) ?? 0), 0);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const firstAt = (f: LogFacts, ...kinds: string[]) => kinds.map((k) => f.firstOf(k)).find((x) => x !== null) ?? undefined;
const verdict = (status: Status, evidence: string, at?: Located): Verdict => (at ? { status, evidence, at } : { status, evidence });
const noClients = (what: string) => verdict('unknown', `no client activity in these logs, so no ${what} proves nothing`);

export const CHECKS: Check[] = [
  {
    setting: 'log_line_prefix',
    recommend: `'${RECOMMENDED_PREFIX}'`,
    why: 'time, pid, user, database, application, client and xid tie every line to a session, an application and a transaction',
    fromLogs: (f) => {
      if (f.prefixes.length === 0) return verdict(f.structured ? 'ok' : 'unknown', f.structured ? 'csvlog/jsonlog carry every field' : 'no stderr or syslog input');
      const lacks = [...new Set(f.prefixes.flatMap(prefixLacks))];
      const shown = f.prefixes.map((p) => `'${p}'`).join(', ');
      if (lacks.length === 0) return verdict('ok', `prefix ${shown}`);
      if (f.structured) return verdict('ok', `prefix ${shown} lacks ${lacks.join(', ')}, but the csvlog/jsonlog files carry them`);
      return verdict('missing', `prefix ${shown} has no ${lacks.join(', ')}`);
    },
    valueOk: (v) => prefixLacks(v).length === 0,
    confDefault: '%m [%p] ',
  },
  {
    setting: 'log_lock_waits',
    recommend: 'on',
    why: 'who waited for whom, and for how long, is only in the lock-wait lines',
    fromLogs: (f) => {
      const waits = n(f, 'lock_wait_still', 'lock_wait_acquired', 'lock_wait_deadlock_detected');
      if (waits > 0) return verdict('ok', `${plural(waits, 'lock-wait line')}`);
      const deadlocks = n(f, 'deadlock');
      const timeouts = f.lockTimeouts + n(f, 'lock_timeout');
      if (deadlocks + timeouts === 0) return verdict('unknown', 'no deadlock or lock timeout, so no lock-wait line proves nothing');
      const what = [deadlocks > 0 ? plural(deadlocks, 'deadlock') : '', timeouts > 0 ? `${plural(timeouts, 'timeout')} while waiting for a lock` : '']
        .filter(Boolean).join(' and ');
      return verdict('missing', `${what}, and not one 'still waiting' line`, firstAt(f, 'deadlock', 'lock_timeout', 'statement_timeout'));
    },
    valueOk: on,
    confDefault: 'off',
  },
  {
    setting: 'log_min_duration_statement',
    recommend: "'250ms'",
    why: 'slow statements, and what the blockers were running, only show with their durations',
    fromLogs: (f) => {
      const timed = n(f, 'duration');
      if (timed > 0) return verdict('ok', `${plural(timed, 'duration line')}, the shortest ${f.shortestDurationMs ?? '?'} ms`);
      if (!f.hasClients) return noClients('duration line');
      const clients = f.clients();
      return verdict('missing', `${plural(clients.pids, 'client backend')} ran statements (${clients.entries} entries) and not one duration was logged`, firstAt(f, 'statement_timeout', 'deadlock'));
    },
    valueOk: notMinusOne,
    confDefault: '-1',
  },
  {
    setting: 'log_connections',
    recommend: 'on',
    why: 'connection storms, and which client and application opened what, show only in connection lines',
    fromLogs: (f) => {
      const c = n(f, 'connection_received', 'connection_authorized');
      if (c > 0) return verdict('ok', plural(c, 'connection line'));
      if (!f.hasClients) return noClients('connection line');
      return verdict('missing', `${plural(f.clients().pids, 'client backend')} logged entries but no 'connection received' line`);
    },
    valueOk: on,
    confDefault: 'off',
  },
  {
    setting: 'log_disconnections',
    recommend: 'on',
    why: 'session lengths and how sessions ended show only in disconnection lines',
    fromLogs: (f) => {
      const d = n(f, 'disconnection');
      if (d > 0) return verdict('ok', plural(d, 'disconnection line'));
      if (!f.hasClients) return noClients('disconnection line');
      const ended = n(f, 'shut_down', 'connection_received');
      return verdict('missing', `${plural(f.clients().pids, 'client backend')} logged entries${ended > 0 ? ' and ended' : ''}, and not one disconnection line`);
    },
    valueOk: on,
    confDefault: 'off',
  },
  {
    setting: 'log_checkpoints',
    recommend: 'on',
    why: 'checkpoint I/O spikes cannot be told from other slowness without them',
    fromLogs: (f) => {
      const c = n(f, 'checkpoint_start', 'checkpoint_complete');
      if (c > 0) return verdict('ok', plural(c, 'checkpoint line'));
      // A clean shutdown always writes a checkpoint, which log_checkpoints logs.
      if (n(f, 'shutting_down') > 0) return verdict('missing', "the server shut down cleanly and its shutdown checkpoint was not logged", firstAt(f, 'shutting_down'));
      return verdict('unknown', 'no checkpoint line, but none may have happened (on by default since PostgreSQL 15)');
    },
    valueOk: on,
  },
  {
    setting: 'log_autovacuum_min_duration',
    recommend: "'1s'",
    why: 'autovacuum runs that hold locks or load the disks show only when logged',
    fromLogs: (f) => {
      const a = n(f, 'autovacuum', 'autoanalyze');
      return a > 0 ? verdict('ok', plural(a, 'autovacuum/autoanalyze line')) : verdict('unknown', 'no autovacuum run logged: none may have run long enough');
    },
    valueOk: notMinusOne,
  },
  {
    setting: 'log_temp_files',
    recommend: "'10MB'",
    why: 'queries spilling sorts and hashes to disk are invisible otherwise',
    fromLogs: (f) => {
      const t = n(f, 'temp_file');
      return t > 0 ? verdict('ok', plural(t, 'temporary-file line')) : verdict('unknown', 'no temporary file logged: no query may have spilled');
    },
    valueOk: notMinusOne,
    confDefault: '-1',
  },
  {
    setting: 'log_statement',
    recommend: "'ddl'",
    why: "a migration's ALTER TABLE, the usual start of a lock pile-up, is logged when it starts, not when it ends",
    fromLogs: (f) => {
      const s = n(f, 'statement_logged');
      return s > 0 ? verdict('ok', plural(s, "'statement:' line")) : verdict('unknown', "no 'statement:' line: there may have been no DDL");
    },
    valueOk: (v) => v.trim().toLowerCase() !== 'none',
    confDefault: 'none',
  },
  {
    setting: 'application_name',
    recommend: null,
    why: 'without it web requests cannot be told from background jobs, migrations or an operator',
    fromLogs: (f) => {
      if (!f.hasApplication) {
        if (!f.hasClients) return noClients('application name');
        const visible = f.structured || f.prefixes.some((p) => p.includes('%a')) || n(f, 'connection_authorized') > 0;
        return verdict('missing', visible ? 'no session set an application_name' : 'no entry names an application: the prefix has no %a and no connection line shows it');
      }
      const without = f.sessionsWithoutApplication.reduce((s, u) => s + u.sessions, 0);
      const who = f.sessionsWithoutApplication.slice(0, 3).map((u) => `${u.user ?? '?'} ×${u.sessions}`).join(', ');
      return verdict('ok', without === 0 ? 'every session names its application' : `most sessions name their application; ${plural(without, 'session')} did not (${who})`);
    },
  },
];
