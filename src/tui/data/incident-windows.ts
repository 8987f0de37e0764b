/** The ranked incident windows (src/analyze/incidents), which the histogram highlights. */
import { findIncidents } from '../../analyze/incidents/find-incidents.js';
import type { Store } from '../../store/open-store.js';

export interface IncidentWindow {
  rank: number;
  start: string;
  end: string;
}

export function loadIncidentWindows(db: Store, _dbPath: string): IncidentWindow[] {
  return findIncidents(db, { window: {} }).incidents.map(({ rank, start, end }) => ({ rank, start, end }));
}
