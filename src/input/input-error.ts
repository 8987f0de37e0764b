import type { Warning } from '../parse/log-entry.js';
import { oneLine } from './one-line.js';

/**
 * A problem with one input (file, archive member, stdin), as one line of text.
 *
 * `path` is the display path (`logs.tgz!/pg_log/a.log`); `reason` says what went
 * wrong without the path, so it can go in a Warning next to `file`.
 *
 *   new InputError('a.log.gz', 'gzip data is truncated (unexpected end of file)').message
 *   // "a.log.gz: gzip data is truncated (unexpected end of file)"
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, cause?: unknown) {
    super(`${path}: ${reason}`, cause === undefined ? undefined : { cause });
    this.path = path;
    this.reason = reason;
  }

  toWarning(): Warning {
    return { file: this.path, message: this.reason };
  }

  /**
   * The same problem seen from `path`, e.g. a member cut short because its
   * archive is truncated: "a.tgz!/x.log: in a.tgz: gzip data is truncated".
   */
  seenFrom(path: string): InputError {
    return path === this.path ? this : new InputError(path, `in ${this.path}: ${this.reason}`, this);
  }
}

/** Any error as an InputError seen from `path`; foreign errors keep only their one-line message. */
export function asInputError(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err.seenFrom(path);
  return new InputError(path, oneLine(err instanceof Error ? err.message : String(err)), err);
}
