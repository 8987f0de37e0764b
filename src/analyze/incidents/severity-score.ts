/**
 * How bad a window was, in roughly "seconds of someone being stuck":
 *
 *   score = lock-wait seconds (summed over sessions, inside the window)
 *         + 2   × deadlocks            (a transaction rolled back, retried)
 *         + 1   × refused connections  (a request failed outright)
 *         + 1   × timeouts             (statement, lock, idle-in-transaction…)
 *         + 0.5 × every other ERROR/FATAL/PANIC (failed logins, cancels,
 *                 terminations, application errors)
 *         + 0.1 × seconds of statements running ≥ 1 s (the blocked ones are
 *                 already counted as lock waits; this catches stalls without them)
 *         + per crash: 30 + 10 × seconds until the server was ready again
 *
 * So a pile-up where 37 sessions waited 412 s outranks a burst of 20 deadlocks,
 * which outranks a handful of application errors.
 */
import type { WindowFacts } from './window-facts.js';

export const WEIGHTS = {
  lock_wait_s: 1,
  deadlock: 2,
  refused: 1,
  timeout: 1,
  other_error: 0.5,
  long_statement_s: 0.1,
  crash: 30,
  crash_downtime_s: 10,
} as const;

export type ScoreParts = Record<keyof typeof WEIGHTS, number>;

export function severityScore(f: WindowFacts): { score: number; parts: ScoreParts } {
  const downtime = f.crashes.reduce((s, c) => s + (c.recovered_ts === null ? 0 : (c.endMs - c.startMs) / 1000), 0);
  const parts: ScoreParts = {
    lock_wait_s: (WEIGHTS.lock_wait_s * f.lock_waits.wait_ms) / 1000,
    deadlock: WEIGHTS.deadlock * f.deadlocks,
    refused: WEIGHTS.refused * f.refused,
    timeout: WEIGHTS.timeout * Object.values(f.timeouts).reduce((a, b) => a + b, 0),
    other_error: WEIGHTS.other_error * (f.other_errors + f.failed_logins + f.canceled + f.terminations),
    long_statement_s: (WEIGHTS.long_statement_s * f.long_statements.total_ms) / 1000,
    crash: WEIGHTS.crash * f.crashes.length,
    crash_downtime_s: WEIGHTS.crash_downtime_s * downtime,
  };
  const round = (x: number) => Math.round(x * 10) / 10;
  for (const k of Object.keys(parts) as Array<keyof ScoreParts>) parts[k] = round(parts[k]);
  return { score: round(Object.values(parts).reduce((a, b) => a + b, 0)), parts };
}
