import { readStatementText, type StatementText } from './statement-text.js';
import { untabContinuations } from './continuation-lines.js';

export type StatementLog = StatementText & { phase: 'statement' | 'execute' };

/** A log_statement line: `statement: SELECT …` or `execute S_1: SELECT …` (parameters are in DETAIL). */
export function parseStatementLog(message: string): StatementLog | undefined {
  const s = readStatementText(untabContinuations(message));
  return s && (s.phase === 'statement' || s.phase === 'execute') ? (s as StatementLog) : undefined;
}
