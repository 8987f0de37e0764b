/**
 * PostgreSQL's own parser (libpg-query, compiled to WASM) for fingerprints and
 * normalized text. Its *Sync functions only work once the WASM module is
 * instantiated, which is asynchronous; derivers are synchronous, so this module
 * waits at top level: whoever imports it (statically) gets a ready parser, and
 * the load (tens of ms, ~12 MB) happens once per thread that imports it.
 */
import './wasm-baseline-tier.js';
import { fingerprintSync, loadModule, normalizeSync } from 'libpg-query';

await loadModule();

export interface ParsedShape {
  /** Constants replaced by $n, everything else (comments, spacing, case) as written. */
  normalized: string;
  /** 16 hex digits; equal for statements that differ only in constants, IN-list lengths, aliases, comments. */
  fingerprint: string;
}

const FINGERPRINT = /^[0-9a-f]{16}$/;

/**
 * The parser's view of one statement, or undefined when it does not parse.
 * The wrappers throw on some errors and *return* the message on others
 * (`unterminated quoted string…`, `trailing junk after numeric literal…`), so
 * a fingerprint is only trusted when it looks like one.
 */
export function parseShape(sql: string): ParsedShape | undefined {
  if (sql.trim() === '') return undefined;
  try {
    const fingerprint = fingerprintSync(sql);
    if (!FINGERPRINT.test(fingerprint)) return undefined;
    return { normalized: normalizeSync(sql), fingerprint };
  } catch {
    return undefined;
  }
}

/** The fingerprint alone (undefined when the text does not parse). */
export function parseFingerprint(sql: string): string | undefined {
  try {
    const fingerprint = fingerprintSync(sql);
    return FINGERPRINT.test(fingerprint) ? fingerprint : undefined;
  } catch {
    return undefined;
  }
}
