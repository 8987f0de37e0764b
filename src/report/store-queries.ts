/** Small read helpers for report building: windowed, mirror-free entries, and tables that may not exist. */

export interface Window {
  from: string | null;
  to: string | null;
}

/** Entries of the window from non-mirror files, as a subquery usable in FROM. */
export const WINDOW_ENTRIES = `(SELECT e.* FROM entries e JOIN files f ON f.id = e.file_id
  WHERE f.mirror_of IS NULL AND (@from IS NULL OR e.ts >= @from) AND (@to IS NULL OR e.ts <= @to))`;

export { hasTable } from '../store/has-table.js';

export function params(w: Window): { from: string | null; to: string | null } {
  return { from: w.from, to: w.to };
}
