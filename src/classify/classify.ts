import type { LogEntry, Severity } from '../parse/log-entry.js';
import type { Classification } from './classification.js';
import { KINDS, KIND_NAMES, type Kind } from './kinds.js';
import { buildRuleTable, findRule } from './rule-table.js';
import { buildSqlstateClaims } from './sqlstate-claims.js';

const RULES = buildRuleTable(KINDS);
const kindForSqlstate = buildSqlstateClaims(KINDS);

/** One frozen result per kind, shared by every entry without a SQLSTATE: no allocation on the hot path. */
const PLAIN = Object.fromEntries(
  KIND_NAMES.map((kind) => [kind, Object.freeze({ kind, family: KINDS[kind].family })]),
) as unknown as Readonly<Record<Kind, Classification>>;

function withSqlstate(kind: Kind, sqlstate: string | undefined): Classification {
  return sqlstate === undefined ? PLAIN[kind] : { kind, family: KINDS[kind].family, sqlstate };
}

const ERROR_SEVERITIES: ReadonlySet<Severity> = new Set(['ERROR', 'FATAL', 'PANIC']);

/** `40P01: deadlock detected` (log_error_verbosity = verbose) when the parser left the code in the text. */
const VERBOSE_PREFIX = /^[0-9A-Z]{5}: /;

/**
 * Names the event one log entry records. Runs on every entry of an ingest, so
 * it looks the message's first word up and tests only that word's few
 * patterns (mostly a startsWith). Unrecognised text falls back on the
 * SQLSTATE, then on the severity: errors are `sql_error`, the rest `other`.
 */
export function classify(entry: Pick<LogEntry, 'severity' | 'message' | 'sqlstate'>): Classification {
  const { severity } = entry;
  let { message } = entry;
  // csvlog, jsonlog and %e write 00000 for "no error": the same as none.
  let sqlstate = entry.sqlstate === '00000' || entry.sqlstate === '' ? undefined : entry.sqlstate;
  if (message.charCodeAt(5) === 58 && VERBOSE_PREFIX.test(message) && /\d/.test(message.slice(0, 5))) {
    sqlstate ??= message.slice(0, 5) === '00000' ? undefined : message.slice(0, 5);
    message = message.slice(7);
  }

  const rule = findRule(RULES, message, severity);
  if (rule) {
    const code = sqlstate ?? rule.sqlstate;
    return code === undefined ? rule.plain : { kind: rule.kind, family: rule.plain.family, sqlstate: code };
  }

  const byCode = sqlstate === undefined ? undefined : kindForSqlstate(sqlstate, severity);
  if (byCode) return withSqlstate(byCode, sqlstate);
  return withSqlstate(ERROR_SEVERITIES.has(severity) ? 'sql_error' : 'other', sqlstate);
}
