/**
 * What the timeline measures per bucket. The point-event gauges are counts of
 * entry kinds (one GROUP BY over `entries`), so they are the same whether or not
 * the derived tables exist: `deadlocks` has one row per `deadlock` entry,
 * `connection_refusals` one per refusal entry. Lock-wait time needs episodes
 * (lock-wait-time.ts); statement time sums the `duration` entries.
 */
import type { Kind } from '../../classify/index.js';

export const GAUGES = [
  'errors', 'fatals', 'deadlocks', 'lock_waits_started', 'lock_wait_ms', 'slow_statements', 'slow_statement_ms',
  'connections_opened', 'connections_refused', 'auth_failures', 'timeouts', 'cancels', 'terminations', 'checkpoints',
] as const;
export type Gauge = (typeof GAUGES)[number];
export type Gauges = Record<Gauge, number>;

export function zeroGauges(): Gauges {
  return Object.fromEntries(GAUGES.map((g) => [g, 0])) as Gauges;
}

/** Entry kinds counted into a gauge (errors and fatals go by severity instead). */
export const KIND_GAUGES: Partial<Record<Kind, Gauge>> = {
  deadlock: 'deadlocks',
  duration: 'slow_statements',
  too_many_clients: 'connections_refused',
  reserved_slots: 'connections_refused',
  too_many_connections_role: 'connections_refused',
  too_many_connections_db: 'connections_refused',
  cannot_connect_now: 'connections_refused',
  auth_failed: 'auth_failures',
  auth_timeout: 'auth_failures',
  no_hba_entry: 'auth_failures',
  hba_reject: 'auth_failures',
  role_missing: 'auth_failures',
  database_missing: 'auth_failures',
  login_refused: 'auth_failures',
  statement_timeout: 'timeouts',
  lock_timeout: 'timeouts',
  idle_in_transaction_timeout: 'timeouts',
  idle_session_timeout: 'timeouts',
  transaction_timeout: 'timeouts',
  user_cancel: 'cancels',
  admin_terminated: 'terminations',
  crash_terminated_connection: 'terminations',
  checkpoint_start: 'checkpoints',
  restartpoint_start: 'checkpoints',
};

/** Adds `n` entries of this severity and kind to the gauges that count them: errors, fatals (PANICs too), their kind's. */
export function countInGauges(gauges: Gauges, severity: string, kind: Kind | null, n: number): void {
  if (severity === 'ERROR') gauges.errors += n;
  else if (severity === 'FATAL' || severity === 'PANIC') gauges.fatals += n;
  const gauge = kind === null ? undefined : KIND_GAUGES[kind];
  if (gauge !== undefined) gauges[gauge] += n;
}

/** The entry kinds counted into `gauge`. */
export function kindsCountedAs(gauge: Gauge): Kind[] {
  return (Object.keys(KIND_GAUGES) as Kind[]).filter((k) => KIND_GAUGES[k] === gauge);
}

/**
 * log_connections writes `connection received` and then `connection authorized`
 * for the same connection: count the first when the log has it (it also counts
 * the connections that were then refused), else the second.
 */
export const OPENED_KINDS = ['connection_received', 'connection_authorized'] as const satisfies readonly Kind[];
