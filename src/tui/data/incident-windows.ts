/**
 * HOOK(incidents): the incidents analysis (src/analyze/incidents/, `pgautopsy
 * incidents`) is being written separately. When it lands, return its ranked
 * windows here and the histogram highlights the buckets they cover; until then
 * nothing is highlighted.
 */
import type { Store } from '../../store/open-store.js';

export interface IncidentWindow {
  rank: number;
  start: string;
  end: string;
}

export function loadIncidentWindows(_db: Store, _dbPath: string): IncidentWindow[] {
  return [];
}
