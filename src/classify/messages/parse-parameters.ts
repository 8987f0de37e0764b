import { untabContinuations } from './continuation-lines.js';

export type Parameter = [name: string, value: string | null];

const NAME = /\$\d+ = /y;

/**
 * Bind parameters from DETAIL `parameters: $1 = '1', $2 = NULL, $3 = 'it''s'`
 * (also CONTEXT `unnamed portal with parameters: …`, 13+). Values are SQL
 * literals: quotes doubled inside, commas and newlines allowed.
 */
export function parseParameters(detail: string): Parameter[] | undefined {
  const text = untabContinuations(detail);
  const start = text.indexOf('parameters: ');
  if (start < 0) return undefined;
  const out: Parameter[] = [];
  let i = start + 'parameters: '.length;
  for (;;) {
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (!name) return undefined;
    i = NAME.lastIndex;
    let value: string | null;
    if (text.startsWith('NULL', i)) {
      value = null;
      i += 4;
    } else if (text.charCodeAt(i) === 39 /* ' */) {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf("'", j);
        if (q < 0) return undefined;
        v += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 39) {
          v += "'";
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = v;
    } else {
      return undefined;
    }
    out.push([name[0].slice(0, -3), value]);
    if (i >= text.length || text.charCodeAt(i) === 10) return out;
    if (!text.startsWith(', ', i)) return undefined;
    i += 2;
  }
}
