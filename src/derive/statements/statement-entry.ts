/**
 * What one entry says about a statement: a duration line, a log_statement line,
 * or the STATEMENT of an error. Pure; the shape is added by the deriver.
 */
import { parseDuration, parseParameters, parseStatementLog } from '../../classify/index.js';
import { untabContinuations } from '../../classify/messages/continuation-lines.js';
import type { StoredEntry } from '../deriver.js';

export type StatementRowPhase = 'statement' | 'parse' | 'bind' | 'execute' | 'plan' | 'none' | 'error';

export interface StatementFacts {
  phase: StatementRowPhase;
  durationMs: number | null;
  preparedName: string | null;
  /** The statement as sent (multi-line text whole, stderr continuation TABs removed). */
  text: string | null;
  /** JSON [[name, value|null], …] from `parameters: $1 = '…'`. */
  parameters: string | null;
}

/** The kinds of the lines that log a statement (its text, its duration, or both). */
export const STATEMENT_LINE_KINDS: readonly string[] = ['duration', 'statement_logged', 'execute_logged'];

const STATEMENT_LINE_KIND_SET: ReadonlySet<string> = new Set(STATEMENT_LINE_KINDS);

export function isStatementLine(kind: string): boolean {
  return STATEMENT_LINE_KIND_SET.has(kind);
}

/**
 * The statement text a statement line carries (null for a bare duration or text that is
 * no statement line), read as readStatementEntry reads it: the thread that reads the
 * entries back shapes it ahead of the deriver (see entry-batches.ts).
 */
export function statementLineText(kind: string, message: string): string | null {
  if (kind === 'duration') return parseDuration(message)?.text ?? null;
  return parseStatementLog(message)?.text ?? null;
}

/** Severities whose STATEMENT is a statement that failed. */
const FAILURES = new Set(['ERROR', 'FATAL', 'PANIC']);

// The SQL-level EXECUTE's DETAIL names the prepared statement it ran.
const PREPARE_DETAIL = /^prepare: PREPARE\s+("(?:[^"]|"")+"|[^\s(]+)/i;

function parametersOf(field: string | null): string | null {
  if (field === null || !field.includes('parameters: ')) return null;
  const params = parseParameters(field);
  return params === undefined ? null : JSON.stringify(params);
}

function preparedNameOf(detail: string | null): string | null {
  if (detail === null || !detail.startsWith('prepare: ')) return null;
  return PREPARE_DETAIL.exec(detail)?.[1] ?? null;
}

export function readStatementEntry(e: StoredEntry): StatementFacts | undefined {
  if (e.kind === 'duration') {
    const d = parseDuration(e.message);
    if (!d) return undefined;
    return {
      phase: d.phase,
      // A number past a double's range reads as Infinity: no duration (a store keeps no Infinity, nor does JSON).
      durationMs: Number.isFinite(d.ms) ? d.ms : null,
      preparedName: d.preparedName ?? preparedNameOf(e.detail),
      text: d.text ?? null,
      parameters: parametersOf(e.detail),
    };
  }
  if (e.kind === 'statement_logged' || e.kind === 'execute_logged') {
    const s = parseStatementLog(e.message);
    if (!s) return undefined;
    return {
      phase: s.phase,
      durationMs: null,
      preparedName: s.preparedName ?? preparedNameOf(e.detail),
      text: s.text,
      parameters: parametersOf(e.detail),
    };
  }
  if (e.statement !== null && FAILURES.has(e.severity)) {
    // Since 13, CONTEXT carries the failed portal's parameters (log_parameter_max_length_on_error).
    return { phase: 'error', durationMs: null, preparedName: null, text: untabContinuations(e.statement), parameters: parametersOf(e.context) };
  }
  return undefined;
}
