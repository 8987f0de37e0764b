import { firstWord } from './first-word.js';

/**
 * A message template compiled to one sticky regex, anchored at the start of
 * the message. Messages only have to *start* like the template: real lines
 * grow ` at character N`, newer versions append fields. (One regex is faster
 * here than a startsWith on the literal prefix followed by a regex for the rest.)
 */
export interface CompiledTemplate {
  readonly source: string;
  /** Dispatch key; undefined when the template starts with a placeholder. */
  readonly firstWord: string | undefined;
  readonly regex: RegExp;
}

const PLACEHOLDER = /%([dusX%])/g;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function placeholderRegex(spec: string, leading: boolean): string {
  switch (spec) {
    case 'd': return '-?\\d+';
    case 'u': return '\\d+';
    case 'X': return '[0-9A-Fa-f]+';
    // One line, lazily; bounded when leading so unknown long messages stay cheap.
    default: return leading ? '[^\\n]{0,120}?' : '[^\\n]*?';
  }
}

type Part = { literal: string } | { spec: string };

/** Literal runs and placeholders, `%%` folded into the literal around it. */
function split(source: string): Part[] {
  const parts: Part[] = [];
  const literal = (text: string): void => {
    const prev = parts[parts.length - 1];
    if (prev && 'literal' in prev) prev.literal += text;
    else if (text) parts.push({ literal: text });
  };
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    literal(source.slice(last, m.index));
    if (m[1] === '%') literal('%');
    else parts.push({ spec: m[1]! });
    last = m.index + m[0].length;
  }
  literal(source.slice(last));
  return parts;
}

export function compileTemplate(source: string): CompiledTemplate {
  const parts = split(source);
  // A trailing %s matches anything, the empty text included: nothing to check.
  const tail = parts[parts.length - 1];
  if (tail && 'spec' in tail && tail.spec === 's') parts.pop();
  const end = parts[parts.length - 1];
  // Ending in a word character, the match must not run into a longer word (`exit code 1` is not `exit code 10`).
  const wordEnd = end !== undefined && 'literal' in end && /\w$/.test(end.literal);
  const body = parts.map((p, i) => ('literal' in p ? escapeRegex(p.literal) : placeholderRegex(p.spec, i === 0))).join('');
  const head = parts[0];
  return {
    source,
    firstWord: head && 'literal' in head ? firstWordOfTemplate(source, head.literal) : undefined,
    regex: new RegExp(body + (wordEnd ? '(?!\\w)' : ''), 'y'),
  };
}

/** The template's first word, when its literal prefix holds all of it. */
function firstWordOfTemplate(source: string, prefix: string): string | undefined {
  const word = firstWord(prefix);
  return word && (word.length < prefix.length || prefix === source) ? word : undefined;
}

export function matchesTemplate(t: CompiledTemplate, message: string): boolean {
  t.regex.lastIndex = 0;
  return t.regex.test(message);
}
