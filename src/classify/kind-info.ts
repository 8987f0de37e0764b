import type { Severity } from '../parse/log-entry.js';

/** The coarse grouping reports and the timeline colour by. */
export const FAMILIES = [
  'connection', 'auth', 'lock', 'deadlock', 'statement', 'timeout', 'error',
  'server', 'checkpoint', 'maintenance', 'replication', 'other',
] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * A message template as PostgreSQL writes it: `%d`/`%u` digits, `%X` hex
 * (LSN halves), `%s` any text. With a SQLSTATE when the kind spans several
 * codes and the template pins one down (used when the log carries none).
 */
export type Pattern = string | readonly [template: string, sqlstate: string];

export interface KindInfo {
  family: Family;
  description: string;
  /**
   * Every wording this kind covers, across server versions. A message belongs
   * to the kind when it starts with one of them (texts can grow a suffix such
   * as ` at character 15`, or newer versions' extra fields).
   */
  patterns: readonly Pattern[];
  /** The SQLSTATE the server attaches to these messages, when it is one code. */
  sqlstate?: string;
  /** Only at these severities (the same text means something else elsewhere). */
  severities?: readonly Severity[];
  /**
   * A SQLSTATE class (`22`) whose codes belong to this kind when no kind names
   * the code itself: how messages in other languages still find their kind.
   */
  claimsClass?: string;
}

export const patternText = (p: Pattern): string => (typeof p === 'string' ? p : p[0]);
export const patternSqlstate = (p: Pattern): string | undefined => (typeof p === 'string' ? undefined : p[1]);
