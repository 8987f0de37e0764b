/**
 * The logging doctor: every check's verdict from the logs, corrected by the server's
 * actual settings when given, plus what the logs reveal on their own (deadlock_timeout)
 * and the statements to paste.
 */
import type Database from 'better-sqlite3';
import { CHECKS, prefixLacks, type Status } from './checks.js';
import { readLogFacts, type Located } from './log-facts.js';
import type { ServerSettings } from './settings-file.js';

export interface Finding {
  setting: string;
  status: Status;
  evidence: string;
  at?: Located;
  /** the actual value, from --settings */
  current?: string;
  recommend: string | null;
  why: string;
}

export interface Diagnosis {
  entries: number;
  version: string | null;
  findings: Finding[];
  deadlockTimeout: { ms: number; evidence: string; at?: Located } | null;
  extensions: string[];
  sql: string[];
}

export function diagnoseLogging(db: Database.Database, settings?: ServerSettings): Diagnosis {
  const facts = readLogFacts(db);
  const findings = CHECKS.map((check): Finding => {
    const logs = check.fromLogs(facts);
    const base: Finding = { setting: check.setting, ...logs, recommend: check.recommend, why: check.why };
    const value = settings?.values.get(check.setting) ?? (settings?.source === 'conf' ? check.confDefault : undefined);
    if (value === undefined || check.valueOk === undefined) return base;
    const explicit = settings?.values.has(check.setting) === true;
    const from = explicit ? 'settings' : 'postgresql.conf does not set it; default';
    const ok = check.valueOk(value);
    // A default in postgresql.conf may be overridden in postgresql.auto.conf: the logs decide then.
    if (!explicit && !ok && logs.status === 'ok') {
      return { ...base, evidence: `${logs.evidence} (${from} '${value}': set elsewhere, e.g. ALTER SYSTEM)` };
    }
    const lacks = check.setting === 'log_line_prefix' && !ok ? ` (no ${prefixLacks(value).join(', ')})` : '';
    const conflict = ok === (logs.status === 'missing') && logs.status !== 'unknown' ? `; but the logs show: ${logs.evidence} (changed since?)` : '';
    const { at: _at, ...rest } = base;
    return { ...rest, status: ok ? 'ok' : 'missing', current: value, evidence: `${from}: ${check.setting} = '${value}'${lacks}${conflict}` };
  });
  const deadlockTimeout = inferDeadlockTimeout(facts.firstWaitReport, settings);
  return {
    entries: facts.entries,
    version: facts.version,
    findings,
    deadlockTimeout,
    extensions: extensionNotes(settings),
    sql: pasteBlock(findings),
  };
}

function inferDeadlockTimeout(first: (Located & { ms: number }) | null, settings?: ServerSettings): Diagnosis['deadlockTimeout'] {
  const set = settings?.values.get('deadlock_timeout');
  if (first === null) return null;
  // The check runs once deadlock_timeout has passed, so the report is a few ms late.
  const ms = first.ms >= 1000 ? Math.floor(first.ms / 100) * 100 : Math.floor(first.ms / 10) * 10;
  const evidence = `shortest 'still waiting … after ${first.ms} ms'${set ? `; settings say ${set}` : ''}`;
  return { ms, evidence, at: { file: first.file, line: first.line } };
}

function extensionNotes(settings?: ServerSettings): string[] {
  const preload = settings?.values.get('shared_preload_libraries') ?? '';
  const notes: string[] = [];
  if (!preload.includes('pg_stat_statements')) {
    notes.push('pg_stat_statements: per-statement calls, time and rows even below log_min_duration_statement (add to shared_preload_libraries, restart, CREATE EXTENSION pg_stat_statements)');
  }
  if (!preload.includes('auto_explain')) {
    notes.push("auto_explain: the plan of every slow statement in the log (shared_preload_libraries or session_preload_libraries, auto_explain.log_min_duration = '1s')");
  }
  if (notes.length > 0 && settings === undefined) notes.push('(without --settings the doctor cannot tell whether they are already loaded)');
  if (notes.length > 0) notes.push('shared_preload_libraries is one list: ALTER SYSTEM replaces it, so include what is already there (SHOW shared_preload_libraries)');
  return notes;
}

/** ALTER SYSTEM for what is missing; what could not be told as commented-out lines. */
function pasteBlock(findings: Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings.filter((x) => x.status === 'missing')) {
    lines.push(`-- ${f.why}`);
    lines.push(f.recommend === null ? `-- ${f.setting}: set it in every client (PGAPPNAME=web, ?application_name=jobs in the URL, or ALTER ROLE … SET application_name)` : `ALTER SYSTEM SET ${f.setting} = ${f.recommend};`);
  }
  const unknown = findings.filter((x) => x.status === 'unknown' && x.recommend !== null);
  if (unknown.length > 0) lines.push('-- could not tell from these logs; uncomment if it is off:');
  for (const f of unknown) lines.push(`-- ALTER SYSTEM SET ${f.setting} = ${f.recommend};  -- ${f.why}`);
  if (lines.some((l) => l.startsWith('ALTER SYSTEM'))) lines.push('SELECT pg_reload_conf();');
  else if (unknown.length > 0) lines.push('-- SELECT pg_reload_conf();');
  return lines;
}
