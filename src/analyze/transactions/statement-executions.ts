/**
 * A root blocker's logged lines as the statements it ran, one line per execution.
 *
 * One execution often leaves several entries carrying the same text: "still waiting"
 * and "acquired" with their STATEMENT, then its duration; the LOG and the ERROR of a
 * deadlock. Listed entry by entry, a root's "last five statements" were two or three
 * executions, each shown twice or three times.
 */
import { parseDuration, parseStatementLog } from '../../classify/index.js';
import { isStatementLine, statementLineText } from '../../derive/statements/statement-entry.js';

export interface StatementSeen {
  entry_id: number;
  ts: string | null;
  text: string;
}

/** One of the root's entries that carries a statement (or a bare duration), in time order. */
export interface StatementLine {
  entry_id: number;
  ts: string | null;
  kind: string;
  severity: string;
  statement: string | null;
  message: string;
}

/** Kinds that open an execution: log_statement writes its line when the statement starts. */
const STARTS: ReadonlySet<string> = new Set(['statement_logged', 'execute_logged']);

/** Severities after which the statement is over: it failed. */
export const FAILED: ReadonlySet<string> = new Set(['ERROR', 'FATAL', 'PANIC']);

interface Execution {
  seen: StatementSeen;
  /** Its text with runs of white space made one space (STATEMENT fields and statement lines differ there); null for a bare duration. */
  key: string | null;
  /** Its duration line came, or it failed: another line of the same text is another execution. */
  over: boolean;
}

const oneSpaced = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Whether an execution's shown text (a duration or log_statement line, or the statement
 * itself) is `statement`, white space aside (a STATEMENT field and a DETAIL's query differ there).
 */
export function isExecutionOf(shown: string, statement: string): boolean {
  const text = parseDuration(shown)?.text ?? parseStatementLog(shown)?.text ?? shown;
  return oneSpaced(text) === oneSpaced(statement);
}

/** The statement an entry carries, white space made single spaces; null for a bare duration ("duration: 1.2 ms"). */
export function statementOf(line: StatementLine): string | null {
  if (line.statement !== null) return oneSpaced(line.statement);
  if (!isStatementLine(line.kind)) return oneSpaced(line.message);
  const text = statementLineText(line.kind, line.message);
  return text === null ? null : oneSpaced(text);
}

/**
 * The executions of `lines` (time order), each shown by its duration line when it has one
 * (its text says how long it ran), else by its first line. A bare duration, which
 * PostgreSQL writes when log_statement already wrote the text, completes the execution
 * before it.
 */
export function executionsOf(lines: readonly StatementLine[]): StatementSeen[] {
  const out: Execution[] = [];
  for (const line of lines) {
    const key = statementOf(line);
    const isDuration = line.kind === 'duration';
    const last = out.at(-1);
    const joins = last !== undefined && !last.over && !STARTS.has(line.kind) && (key === null ? isDuration && last.key !== null : key === last.key);
    if (!joins) {
      out.push({ seen: { entry_id: line.entry_id, ts: line.ts, text: line.statement ?? line.message }, key, over: isDuration || FAILED.has(line.severity) });
      continue;
    }
    if (isDuration) {
      last.seen = key === null ? { ...last.seen, text: `${last.seen.text}  (${line.message})` } : { entry_id: line.entry_id, ts: line.ts, text: line.message };
    }
    if (isDuration || FAILED.has(line.severity)) last.over = true;
  }
  return out.map((e) => e.seen);
}
