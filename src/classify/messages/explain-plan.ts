export interface ExplainPlan {
  queryText?: string;
  plan: string;
}

// A plan node line ends with its costs or timings; with COSTS off nothing marks it.
const PLAN_NODE = /\((?:cost=|actual |never executed)/;
const JSON_QUERY_TEXT = /"Query Text": ("(?:[^"\\]|\\.)*")/;

/** The Query Text of an auto_explain plan in text or JSON format (YAML/XML: plan only). */
export function readExplainPlan(plan: string): ExplainPlan {
  const json = JSON_QUERY_TEXT.exec(plan);
  if (json) {
    try {
      return { queryText: JSON.parse(json[1]!) as string, plan };
    } catch {
      return { plan };
    }
  }
  if (!plan.startsWith('Query Text: ')) return { plan };
  const lines = plan.split('\n');
  // The query runs up to the first plan node line, or a `Query Parameters:` line (16+).
  let end = lines.findIndex((l, i) => i > 0 && (PLAN_NODE.test(l) || l.startsWith('Query Parameters: ')));
  if (end < 0) end = 1;
  return { queryText: lines.slice(0, end).join('\n').slice('Query Text: '.length), plan: lines.slice(end).join('\n') };
}
