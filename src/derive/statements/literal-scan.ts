/**
 * A cheap stand-in for PostgreSQL's lexer that only finds what varies between
 * two runs of one statement shape: literals and comments. Its output is the
 * cache key in front of libpg-query (~25 µs a statement, this ~0.4 µs),
 * so it must never give two texts one key when the parser would tell them
 * apart; when unsure it leaves text verbatim, which only costs a cache miss.
 *
 * Follows scan.l: '…' with '' doubled, E'…' with backslash escapes, $tag$…$tag$,
 * "quoted identifiers" (kept), -- and nested /* comments, numbers (1, 1.5e3, .5,
 * 0x1F, 1_000). Prefixes (E, B, X, N, U&) stay in the key: they change the token.
 * standard_conforming_strings is assumed on (the default since 9.1).
 */

/** Stands for one literal in a key. NUL never occurs in PostgreSQL text. */
export const LITERAL = '\0';
/** Stands for the unterminated rest of a text (a quote or comment cut off by track_activity_query_size). */
export const TRUNCATED = '\u0001';
/** Stands for a comment: comments never change a fingerprint (sqlcommenter tags differ per request). */
export const COMMENT = '\u0002';

const enum Mode {
  /** The cache key: literals → LITERAL, comments → COMMENT. */
  Key,
  /** The same text with every literal changed (comments kept): to check that a key's literals are values only. */
  Variant,
}

// Character classes of ASCII, by code: a table lookup keeps the scan at a few ns a character.
const DIGIT = 1;
const IDENT_START = 2;
const IDENT = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  const digit = c >= 48 && c <= 57;
  CLASS[c] = (digit ? DIGIT : 0) | (letter ? IDENT_START : 0) | (letter || digit || c === 36 ? IDENT : 0);
}

function isDigit(c: number): boolean {
  return c < 128 && (CLASS[c]! & DIGIT) !== 0;
}

/** Identifier characters (scan.l `ident_cont`): letters, digits, _, $ and any non-ASCII. */
function isIdentChar(c: number): boolean {
  // charCodeAt past the end gives NaN, which is neither below nor above 128.
  return c < 128 ? (CLASS[c]! & IDENT) !== 0 : c >= 128;
}

/** Characters that may start an identifier or a dollar-quote tag: letters, _ and any non-ASCII. */
function isTagStart(c: number): boolean {
  return c < 128 ? (CLASS[c]! & IDENT_START) !== 0 : c >= 128;
}

/** Digits of 0x…, 0o…, 0b… literals (PostgreSQL 16+), by the letter after the 0. */
const RADIX_DIGIT: Record<number, (c: number) => boolean> = {
  120: (c) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70),
  111: (c) => c >= 48 && c <= 55,
  98: (c) => c === 48 || c === 49,
};

/** The end of the '…' string whose opening quote is at `open`, or -1 if unterminated. */
function quoteEnd(sql: string, open: number, backslashEscapes: boolean): number {
  let j = open + 1;
  for (;;) {
    if (backslashEscapes) {
      if (j >= sql.length) return -1;
      const c = sql.charCodeAt(j);
      if (c === 92 /* \ */) {
        j += 2;
        continue;
      }
      if (c !== 39) {
        j++;
        continue;
      }
    } else {
      j = sql.indexOf("'", j);
      if (j < 0) return -1;
    }
    if (sql.charCodeAt(j + 1) !== 39) return j + 1;
    j += 2;
  }
}

/** E'…' (not the end of a longer identifier such as `some'`). */
function isEscapeString(sql: string, quote: number): boolean {
  const p = sql.charCodeAt(quote - 1);
  return (p === 69 || p === 101) && (quote < 2 || !isIdentChar(sql.charCodeAt(quote - 2)));
}

/** The end of the `$tag$` opening at `i`, or -1 when this `$` opens no dollar quote. */
function dollarTagEnd(sql: string, i: number): number {
  let j = i + 1;
  if (sql.charCodeAt(j) === 36) return j + 1;
  if (!isTagStart(sql.charCodeAt(j))) return -1;
  while (j < sql.length && isIdentChar(sql.charCodeAt(j)) && sql.charCodeAt(j) !== 36) j++;
  return sql.charCodeAt(j) === 36 ? j + 1 : -1;
}

/** The end of the number at `i`, or -1 when letters follow it (the parser decides what that is). */
function numberEnd(sql: string, i: number): number {
  let j = i;
  const radixDigit = sql.charCodeAt(i) === 48 ? RADIX_DIGIT[sql.charCodeAt(i + 1) | 32] : undefined;
  if (radixDigit?.(sql.charCodeAt(i + 2))) {
    j += 2;
    while (radixDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 95) j++;
  } else {
    while (isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 95) j++;
    // `1..5` is not a number followed by `.5`: leave such text to the parser.
    if (sql.charCodeAt(j) === 46 && sql.charCodeAt(j + 1) !== 46) {
      j++;
      while (isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 95) j++;
    }
    if ((sql.charCodeAt(j) | 32) === 101) {
      let k = j + 1;
      if (sql.charCodeAt(k) === 43 || sql.charCodeAt(k) === 45) k++;
      if (isDigit(sql.charCodeAt(k))) {
        j = k;
        while (isDigit(sql.charCodeAt(j))) j++;
      }
    }
  }
  return j < sql.length && (isIdentChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46) ? -1 : j;
}

/** A different value of the same kind: a digit appended to a number, an `x` inside a quote. */
function varied(literal: string): string {
  const last = literal.charCodeAt(literal.length - 1);
  if (last === 39) return `${literal.slice(0, -1)}x'`;
  if (last === 36) {
    const tag = literal.slice(0, literal.indexOf('$', 1) + 1);
    return `${literal.slice(0, literal.length - tag.length)}x${tag}`;
  }
  return `${literal}1`;
}

function scan(sql: string, mode: Mode): string {
  const key = mode === Mode.Key;
  const n = sql.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    let end: number;
    /** What replaces sql[i, end), if anything. */
    let by: string | undefined;
    if (isTagStart(c)) {
      // A whole identifier or keyword at once: digits and $ inside it are not literals.
      end = i + 1;
      while (end < n && isIdentChar(sql.charCodeAt(end))) end++;
    } else if (c === 39 /* ' */) {
      end = quoteEnd(sql, i, isEscapeString(sql, i));
      if (end < 0) [end, by] = [n, key ? TRUNCATED : undefined];
      else by = key ? LITERAL : varied(sql.slice(i, end));
    } else if (c === 34 /* " */) {
      end = quotedIdentifierEnd(sql, i);
      if (end < 0) end = n;
    } else if (c === 36 /* $ */) {
      const tagEnd = dollarTagEnd(sql, i);
      if (tagEnd < 0) {
        // A parameter ($1), digits included.
        end = i + 1;
        while (isDigit(sql.charCodeAt(end))) end++;
      } else {
        const close = sql.indexOf(sql.slice(i, tagEnd), tagEnd);
        if (close < 0) [end, by] = [n, key ? TRUNCATED : undefined];
        else {
          end = close + tagEnd - i;
          by = key ? LITERAL : varied(sql.slice(i, end));
        }
      }
    } else if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      end = numberEnd(sql, i);
      if (end >= 0) by = key ? LITERAL : varied(sql.slice(i, end));
      else {
        // Letters right after digits: left verbatim, whatever the parser makes of them.
        end = i + 1;
        while (end < n && (isIdentChar(sql.charCodeAt(end)) || sql.charCodeAt(end) === 46)) end++;
      }
    } else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      end = sql.indexOf('\n', i);
      if (end < 0) end = n;
      if (key) by = COMMENT;
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      end = commentEnd(sql, i);
      if (end < 0) [end, by] = [n, key ? TRUNCATED : undefined];
      else if (key) by = COMMENT;
    } else {
      end = i + 1;
    }
    if (by !== undefined) {
      out += sql.slice(copied, i) + by;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? sql : out + sql.slice(copied);
}

/** The end of the "quoted identifier" at `i` ("" inside), or -1 if unterminated. */
function quotedIdentifierEnd(sql: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = sql.indexOf('"', j);
    if (j < 0) return -1;
    if (sql.charCodeAt(j + 1) !== 34) return j + 1;
    j += 2;
  }
}

/** The end of the (nested) /* comment at `i`, or -1 if unterminated. */
function commentEnd(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    const c = sql.charCodeAt(j);
    if (c === 47 && sql.charCodeAt(j + 1) === 42) {
      depth++;
      j += 2;
    } else if (c === 42 && sql.charCodeAt(j + 1) === 47) {
      j += 2;
      if (--depth === 0) return j;
    } else {
      j++;
    }
  }
  return -1;
}

/** The text with literals and comments replaced by markers: equal keys, same statement shape. */
export const literalKey = (sql: string): string => scan(sql, Mode.Key);

/** The text with every literal given another value of its kind, comments and all else unchanged. */
export const withOtherLiterals = (sql: string): string => scan(sql, Mode.Variant);
