import { readStatementText, type StatementPhase } from './statement-text.js';
import { untabContinuations } from './continuation-lines.js';
import { readExplainPlan } from './explain-plan.js';

export interface Duration {
  ms: number;
  /** `none` for the bare `duration: … ms` of log_duration, `plan` for auto_explain. */
  phase: StatementPhase | 'plan' | 'none';
  preparedName?: string;
  /** The statement; for auto_explain the plan's Query Text. */
  text?: string;
  /** auto_explain's plan, as logged (text or JSON). */
  plan?: string;
}

const DURATION = /^duration: (\d+(?:\.\d+)?) ms/;

/**
 * `duration: 12.345 ms  statement: …`, `…  execute S_1: …`, `…  parse/bind …`,
 * bare `duration: 0.023 ms`, and auto_explain's `duration: … ms  plan:` with
 * the plan on the following lines.
 */
export function parseDuration(message: string): Duration | undefined {
  const m = DURATION.exec(message);
  if (!m) return undefined;
  const ms = Number(m[1]);
  const rest = message.slice(m[0].length);
  if (rest === '' || !rest.startsWith('  ')) return { ms, phase: 'none' };
  const after = untabContinuations(rest.slice(2));
  if (after.startsWith('plan:')) {
    const { queryText, plan } = readExplainPlan(after.slice(5).replace(/^\n/, ''));
    return queryText === undefined ? { ms, phase: 'plan', plan } : { ms, phase: 'plan', text: queryText, plan };
  }
  const s = readStatementText(after);
  if (!s) return { ms, phase: 'none' };
  return s.preparedName === undefined
    ? { ms, phase: s.phase, text: s.text }
    : { ms, phase: s.phase, preparedName: s.preparedName, text: s.text };
}
