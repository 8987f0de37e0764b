/** One line that says what an incident was: "37 sessions waited 412 s for locks on accounts; 18 connections refused". */
import type { WindowFacts } from './window-facts.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const secs = (ms: number) => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

const TIMEOUT_WORDS: Record<string, string> = {
  statement_timeout: 'statement timeout',
  lock_timeout: 'lock timeout',
  idle_in_transaction_timeout: 'idle-in-transaction timeout',
  idle_session_timeout: 'idle-session timeout',
  transaction_timeout: 'transaction timeout',
};

export function headline(f: WindowFacts): string {
  const parts: string[] = [];
  for (const c of f.crashes) {
    parts.push(`crash: ${c.message}${c.recovered_ts === null ? ' (not back up in the log)' : `; ready again after ${secs(c.endMs - c.startMs)}`}`);
  }
  const lw = f.lock_waits;
  if (lw.wait_ms > 0) {
    // Without a name from the log, `relation 16393 of database 16385` is shortened to its OID.
    const on = lw.objects.slice(0, 2).map((o) => o.object.replace(/^(relation \d+) of database \d+$/, '$1')).join(', ');
    parts.push(`${plural(lw.sessions, 'session')} waited ${secs(lw.wait_ms)} for locks${on ? ` on ${on}` : ''}`);
  }
  if (f.deadlocks > 0) parts.push(plural(f.deadlocks, 'deadlock'));
  if (f.refused > 0) parts.push(`${plural(f.refused, 'connection')} refused`);
  const timeouts = Object.entries(f.timeouts).sort((a, b) => b[1] - a[1]);
  for (const [kind, n] of timeouts) parts.push(plural(n, TIMEOUT_WORDS[kind] ?? kind.replace(/_/g, ' ')));
  if (f.failed_logins > 0) parts.push(plural(f.failed_logins, 'failed login'));
  if (f.canceled > 0) parts.push(`${plural(f.canceled, 'statement')} canceled`);
  if (f.other_errors > 0) {
    const kinds = f.top_error_kinds.map((k) => `${k.kind} ×${k.count}`).join(', ');
    parts.push(`${plural(f.other_errors, parts.length > 0 ? 'other error' : 'error')} (${kinds})`);
  }
  if (lw.wait_ms === 0 && f.long_statements.count > 0) {
    parts.push(`${plural(f.long_statements.count, 'statement')} ran ${secs(f.long_statements.total_ms)} (≥ 1 s each)`);
  }
  if (f.terminations > 0 && f.crashes.length === 0) parts.push(`${plural(f.terminations, 'session')} terminated`);
  return parts.length > 0 ? parts.join('; ') : 'abnormal activity';
}
