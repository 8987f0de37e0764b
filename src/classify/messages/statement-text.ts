/** How a logged statement reached the server. */
export type StatementPhase = 'statement' | 'execute' | 'parse' | 'bind';

export interface StatementText {
  phase: StatementPhase;
  /**
   * The prepared statement (and `/portal`) name of an extended-protocol
   * message, as printed: `S_1`, `P_0/C_2`, or `<unnamed>`.
   */
  preparedName?: string;
  text: string;
}

const EXTENDED = /^(execute|parse|bind) (?:fetch from )?(.*?): /;

/** `statement: …`, `execute S_1: …`, `parse <unnamed>: …`, `bind P_0/C_1: …` at the start of `s`. */
export function readStatementText(s: string): StatementText | undefined {
  if (s.startsWith('statement: ')) return { phase: 'statement', text: s.slice(11) };
  const m = EXTENDED.exec(s);
  if (!m) return undefined;
  return { phase: m[1] as StatementPhase, preparedName: m[2]!, text: s.slice(m[0].length) };
}
