/**
 * What the logs could not tell: evidence that a setting was off, each with the
 * setting to change and why it matters in an investigation. Reads the store only.
 * The logging doctor decides; this keeps only what it found missing.
 */
import type Database from 'better-sqlite3';
import { diagnoseLogging } from '../doctor/diagnose.js';

export interface LoggingGap {
  setting: string;
  value: string;
  why: string;
}

export function findLoggingGaps(db: Database.Database): LoggingGap[] {
  const { entries, findings } = diagnoseLogging(db);
  if (entries === 0) return [];
  return findings
    .filter((f) => f.status === 'missing')
    .map((f) => ({
      setting: f.setting === 'application_name' ? 'application_name (in the clients)' : f.setting,
      value: f.recommend ?? 'e.g. PGAPPNAME=web / PGAPPNAME=jobs',
      why: `${f.evidence}: ${f.why}`,
    }));
}
