import { firstWord } from './first-word.js';

/**
 * A message template compiled for a cheap prefix test: the literal text before
 * the first placeholder is checked with startsWith, and only when more
 * structure follows does a sticky regex check the rest. Messages only have to
 * *start* like the template: real lines grow ` at character N` and newer
 * versions append fields.
 */
export interface CompiledTemplate {
  readonly source: string;
  /** Dispatch key; undefined when the template starts with a placeholder. */
  readonly firstWord: string | undefined;
  readonly prefix: string;
  /** Checks the text after `prefix` (sticky, so lastIndex is set before each test). */
  readonly rest: RegExp | undefined;
  /** The template ends in a word character: the match must not run into a longer word (`exit code 1` ≠ `exit code 10`). */
  readonly wordEnd: boolean;
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

export function compileTemplate(source: string): CompiledTemplate {
  const parts: Array<{ literal: string } | { spec: string }> = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    const literal = source.slice(last, m.index) + (m[1] === '%' ? '%' : '');
    if (literal) parts.push({ literal });
    if (m[1] !== '%') parts.push({ spec: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push({ literal: source.slice(last) });
  // Merge adjacent literals (a `%%` splits them).
  const merged: typeof parts = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if (prev && 'literal' in prev && 'literal' in p) prev.literal += p.literal;
    else merged.push({ ...p });
  }
  // A trailing %s matches anything, the empty text included: nothing to check.
  const tail = merged[merged.length - 1];
  if (tail && 'spec' in tail && tail.spec === 's') merged.pop();

  const head = merged[0];
  const prefix = head && 'literal' in head ? head.literal : '';
  const restParts = prefix ? merged.slice(1) : merged;
  const end = merged[merged.length - 1];
  const wordEnd = end !== undefined && 'literal' in end && /\w$/.test(end.literal);
  let rest: RegExp | undefined;
  if (restParts.length > 0) {
    const body = restParts
      .map((p, i) => ('literal' in p ? escapeRegex(p.literal) : placeholderRegex(p.spec, i === 0 && !prefix)))
      .join('');
    rest = new RegExp(body + (wordEnd ? '(?!\\w)' : ''), 'y');
  }
  return {
    source,
    firstWord: firstWordOfTemplate(source, prefix),
    prefix,
    rest,
    wordEnd: wordEnd && rest === undefined,
  };
}

/** The template's first word, when its literal prefix holds all of it. */
function firstWordOfTemplate(source: string, prefix: string): string | undefined {
  const word = firstWord(prefix);
  return word && (word.length < prefix.length || prefix === source) ? word : undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function matchesTemplate(t: CompiledTemplate, message: string): boolean {
  if (!message.startsWith(t.prefix)) return false;
  if (t.rest) {
    t.rest.lastIndex = t.prefix.length;
    return t.rest.test(message);
  }
  return !t.wordEnd || !isWordChar(message.charCodeAt(t.prefix.length));
}
