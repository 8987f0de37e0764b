/** Small read helpers for report building: windowed, mirror-free entries, and tables that may not exist. */
import { inWindow } from '../store/window-bounds.js';

export interface Window {
  from: string | null;
  to: string | null;
}

/**
 * Entries of the window from non-mirror files, as a subquery usable in FROM, with its
 * parameters. Plain time bounds (see window-bounds.ts): with `(@from IS NULL OR …)`
 * every query over it read the whole table, however small the window.
 */
export function windowEntries(w: Window): { sql: string; params: Record<string, string> } {
  const b = inWindow(w, 'e.ts');
  return { sql: `(SELECT e.* FROM entries e JOIN files f ON f.id = e.file_id WHERE f.mirror_of IS NULL AND ${b.sql})`, params: b.params };
}

/**
 * Connections refused for want of a slot: what "connection slots exhausted" counts. Not
 * the refusals while the server starts, stops or recovers (cannot_connect_now), which
 * the timeline's gauge adds: a crash is no exhaustion.
 */
export const SLOT_REFUSAL_KINDS = ['too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db'] as const;

/** Kinds as an SQL list (kind names are identifiers of this program, never log text). */
export const kindList = (kinds: readonly string[]): string => kinds.map((k) => `'${k}'`).join(', ');

export { hasTable } from '../store/has-table.js';

export function params(w: Window): { from: string | null; to: string | null } {
  return { from: w.from, to: w.to };
}
