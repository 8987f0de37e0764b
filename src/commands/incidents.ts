/** `pgautopsy incidents`: abnormal windows found against the log's own quiet periods, worst first. */
import type { Writable } from 'node:stream';
import { parseBucket } from '../analyze/timeline/bucket-size.js';
import { findIncidents, type IncidentReport } from '../analyze/incidents/find-incidents.js';
import { formatIncidents } from '../analyze/incidents/format-incidents.js';
import { readStore } from '../store/open-store.js';
import { timeWindow } from '../util/time-arg.js';

export interface IncidentsOptions {
  db: string;
  from?: string;
  to?: string;
  /** Detection grain; chosen from the span like the timeline's when omitted. */
  bucket?: string;
  json: boolean;
}

export function loadIncidents(opts: Omit<IncidentsOptions, 'json'>): IncidentReport {
  const window = timeWindow(opts);
  const bucketSeconds = opts.bucket === undefined ? undefined : parseBucket(opts.bucket);
  return readStore(opts.db, (db) => {
    return findIncidents(db, bucketSeconds === undefined ? { window } : { window, bucketSeconds });
  });
}

export function incidentsCommand(opts: IncidentsOptions, out: Writable): IncidentReport {
  const report = loadIncidents(opts);
  out.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatIncidents(report)}\n`);
  return report;
}
