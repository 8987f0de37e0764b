/** `pgautopsy doctor`: what the logs could not show, and the settings that would have shown it. */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { diagnoseLogging, type Diagnosis, type Finding } from '../analyze/doctor/diagnose.js';
import { parseSettings, type ServerSettings } from '../analyze/doctor/settings-file.js';
import { readStore } from '../store/open-store.js';
import { UsageError } from './errors.js';

export interface DoctorOptions {
  db: string;
  settings?: string;
  json: boolean;
}

export function loadDiagnosis(opts: Omit<DoctorOptions, 'json'>): Diagnosis {
  const settings = opts.settings === undefined ? undefined : readSettings(opts.settings);
  return readStore(opts.db, (db) => {
    return diagnoseLogging(db, settings);
  });
}

function readSettings(path: string): ServerSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--settings ${path}: cannot read it (${(err as Error).message})`);
  }
  return parseSettings(text, path);
}

const HEADINGS: Array<[Finding['status'], string]> = [
  ['missing', 'Missing (the logs or the settings show it is off)'],
  ['unknown', 'Could not tell (nothing in these logs would show it either way)'],
  ['ok', 'Fine'],
];

export function formatDiagnosis(d: Diagnosis): string {
  const out: string[] = [];
  const missing = d.findings.filter((f) => f.status === 'missing').length;
  out.push(`Logging doctor: ${d.entries} entries${d.version ? `, PostgreSQL ${d.version}` : ''}: ${missing === 0 ? 'nothing missing' : `${missing} setting${missing === 1 ? '' : 's'} missing`}.`);
  for (const [status, heading] of HEADINGS) {
    const group = d.findings.filter((f) => f.status === status);
    if (group.length === 0) continue;
    out.push('', `${heading}:`);
    const width = Math.max(...group.map((f) => f.setting.length));
    for (const f of group) {
      const label = status === 'missing' ? 'missing' : status === 'unknown' ? 'could not tell' : 'ok';
      const at = f.at ? ` [${f.at.file}:${f.at.line}]` : '';
      out.push(`  ${f.setting.padEnd(width)}  ${label} (evidence: ${f.evidence})${at}`);
    }
  }
  if (d.deadlockTimeout) {
    const at = d.deadlockTimeout.at ? ` [${d.deadlockTimeout.at.file}:${d.deadlockTimeout.at.line}]` : '';
    out.push('', `Inferred: deadlock_timeout ≈ ${d.deadlockTimeout.ms} ms (${d.deadlockTimeout.evidence})${at}`);
  }
  if (d.sql.length > 0) out.push('', 'Paste into psql as a superuser:', '', ...d.sql.map((l) => `  ${l}`));
  if (d.extensions.length > 0) out.push('', 'Extensions that help:', ...d.extensions.map((e) => `  - ${e}`));
  return `${out.join('\n')}\n`;
}

export function doctorCommand(opts: DoctorOptions, out: Writable): Diagnosis {
  const d = loadDiagnosis(opts);
  out.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiagnosis(d));
  return d;
}
