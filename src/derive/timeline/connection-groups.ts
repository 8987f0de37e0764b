/**
 * What the connections screen groups by, and what it counts: one definition for
 * the deriver (connection_counts) and for the SQL that reads the entries directly.
 */
import { kindsCountedAs } from '../../analyze/timeline/gauges.js';

export const CONNECTION_DIMS = ['app', 'user', 'client'] as const;
export type ConnectionDim = (typeof CONNECTION_DIMS)[number];

export const OPENED_KIND = 'connection_authorized';
export const REFUSED_KINDS: readonly string[] = kindsCountedAs('connections_refused');
export const AUTH_KINDS: readonly string[] = kindsCountedAs('auth_failures');
export const GROUPED_FAMILIES: readonly string[] = ['connection', 'auth'];

/** The SQL expression of each dimension over `entries` (NULL is '(unknown)'). */
export const DIM_SQL: Record<ConnectionDim, string> = {
  app: 'application_name',
  user: 'user_name',
  client: "CASE WHEN instr(client, '(') > 0 THEN substr(client, 1, instr(client, '(') - 1) ELSE client END",
};

/** The same, for a stored entry. */
export function dimValues(e: { application_name: string | null; user_name: string | null; client: string | null }): Record<ConnectionDim, string> {
  const paren = e.client === null ? -1 : e.client.indexOf('(');
  const client = e.client === null ? null : paren >= 0 ? e.client.slice(0, paren) : e.client;
  return { app: e.application_name ?? '(unknown)', user: e.user_name ?? '(unknown)', client: client ?? '(unknown)' };
}
