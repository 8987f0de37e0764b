/**
 * `report --redact`: a report that can be shared publicly. Every SQL text is replaced
 * by its normalized form (PostgreSQL's parser turns constants into $1, $2…), and free
 * text that quotes SQL or values (messages, explanations) loses its quoted strings
 * and numeric constants. Names of applications, users and relations stay: a postmortem
 * is useless without them.
 */
import { createShaper } from '../derive/statements/statement-shaper.js';
import type { Postmortem } from './postmortem.js';

const shaper = createShaper(10_000);

export function redactSql(sql: string | null): string | null {
  return sql === null ? null : shaper.shape(sql).normalized;
}

/** Quoted strings and constants after an operator, in prose that quotes SQL or key values. */
export function redactText(text: string): string {
  return text
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/(=|<>|<|>|\bIN \(|,|\()\s*-?\d+(?:\.\d+)?\b/g, '$1 ?')
    .replace(/\((?:[^()]*)\)=\((?:[^()]*)\)/g, '(…)=(…)');
}

export function redactPostmortem(p: Postmortem): Postmortem {
  const sqlOr = (s: string | null) => redactSql(s);
  return {
    ...p,
    redacted: true,
    summary: p.summary.map(redactText),
    timeline: p.timeline.map((e) => ({ ...e, what: redactText(e.what), evidence: { ...e.evidence, text: redactText(e.evidence.text) } })),
    root_causes: p.root_causes.map((r) => ({
      ...r,
      title: redactText(r.title),
      explanation: redactText(r.explanation),
      evidence: r.evidence.map((e) => ({ ...e, text: redactText(e.text) })),
    })),
    deadlocks: p.deadlocks.map((d) => ({
      ...d,
      participants: d.participants.map((x) => ({
        ...x,
        query: sqlOr(x.query),
        ...(x.transaction && { transaction: { ...x.transaction, earlier: x.transaction.earlier.map((s) => ({ ...s, text: redactText(s.text) })) } }),
      })),
    })),
    blocking: p.blocking.map((t) => ({
      ...t,
      root: { ...t.root, statements: t.root.statements.map((s) => ({ ...s, text: redactText(s.text) })) },
      waiters: t.waiters.map(function redactWaiter(w): typeof w {
        return { ...w, statement: sqlOr(w.statement), waiters: w.waiters.map(redactWaiter) };
      }),
    })),
    top_statements_by_time: p.top_statements_by_time.map((s) => ({ ...s, statement: redactSql(s.statement) ?? '' })),
    top_statements_by_errors: p.top_statements_by_errors.map((s) => ({ ...s, statement: redactSql(s.statement) ?? '' })),
  };
}
