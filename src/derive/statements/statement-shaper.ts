/**
 * Statement text → shape (fingerprint + normalized text), fast enough for
 * millions of log entries: most entries repeat a shape with other literals, so
 * the parser runs once per literal-free key (see literal-scan.ts) and the rest
 * are one scan and one Map lookup.
 */
import { createHash } from 'node:crypto';
import { createBoundedCache } from './bounded-cache.js';
import { COMMENT, LITERAL, TRUNCATED, literalKey, withOtherLiterals } from './literal-scan.js';
import { parseFingerprint, parseShape } from './pg-query.js';

export interface Shape {
  /** libpg-query's normalized text; for text it cannot parse, our own (literals → $n, comments dropped). */
  normalized: string;
  /** libpg-query's fingerprint (16 hex digits), or `x` + 16 hex digits of a hash of the key when it cannot parse. */
  fingerprint: string;
  parseOk: boolean;
}

interface KeyedShape extends Shape {
  /**
   * False when the parser's answer depends on a literal's value, not only on
   * the key (`FETCH 10 FROM c` keeps its 10, `ALTER ROLE … PASSWORD '…'`
   * fingerprints differ by password): such texts are shaped one by one.
   */
  valuesOnly: boolean;
}

export interface ShaperStats {
  calls: number;
  /** Texts that reached libpg-query (cache misses, and texts whose shape depends on their literals). */
  parsed: number;
}

export interface Shaper {
  shape(text: string): Shape;
  readonly stats: ShaperStats;
}

const DEFAULT_LIMIT = 50_000;

/**
 * Longer texts are not handed to PostgreSQL's parser: its WASM memory grows to several
 * times the text and never shrinks (one 50 MB statement's ingest peaked at 708 MB of
 * memory, 509 MB without parsing it, and took 3.8 s instead of 1.9), and no one reads a
 * megabyte of normalized text. They get the fallback shape, from their literal key.
 */
export const PARSE_MAX_CHARS = 1_000_000;

/** A readable form of a key that the parser rejected. */
function renderKey(key: string): string {
  let n = 0;
  let out = '';
  for (const ch of key) {
    if (ch === LITERAL) out += `$${++n}`;
    else if (ch === TRUNCATED) out += '…';
    else if (ch === COMMENT) out += ' ';
    else out += ch;
  }
  return out;
}

/** Stable across runs and machines, so the same truncated statement groups in every store. */
export function fallbackFingerprint(key: string): string {
  return `x${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
}

export function createShaper(limit = DEFAULT_LIMIT): Shaper {
  const byKey = createBoundedCache<KeyedShape>(limit);
  const byText = createBoundedCache<Shape>(limit);
  const stats: ShaperStats = { calls: 0, parsed: 0 };

  function parseOne(text: string, key: string): Shape {
    stats.parsed++;
    const parsed = text.length <= PARSE_MAX_CHARS ? parseShape(text) : undefined;
    return parsed
      ? { normalized: parsed.normalized, fingerprint: parsed.fingerprint, parseOk: true }
      : { normalized: renderKey(key), fingerprint: fallbackFingerprint(key), parseOk: false };
  }

  function learn(text: string, key: string): KeyedShape {
    const shape = parseOne(text, key);
    // A fallback is a function of the key by construction. (A literal that alone
    // breaks parsing, such as an invalid escape in E'…', is not told apart.)
    if (!shape.parseOk || key === text) return { ...shape, valuesOnly: true };
    // The key may stand for every text of this shape only if the parser replaced
    // all the literals we masked and its fingerprint ignores their values.
    if (literalKey(shape.normalized).includes(LITERAL)) return { ...shape, valuesOnly: false };
    stats.parsed++;
    return { ...shape, valuesOnly: parseFingerprint(withOtherLiterals(text)) === shape.fingerprint };
  }

  return {
    stats,
    shape(text) {
      stats.calls++;
      const key = literalKey(text);
      let known = byKey.get(key);
      if (known === undefined) {
        known = learn(text, key);
        byKey.set(key, known);
        if (!known.valuesOnly) byText.set(text, known);
      }
      if (known.valuesOnly) return known;
      let own = byText.get(text);
      if (own === undefined) {
        own = parseOne(text, key);
        byText.set(text, own);
      }
      return own;
    },
  };
}
