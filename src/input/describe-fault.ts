import { InputError } from './input-error.js';
import { oneLine } from './one-line.js';

/**
 * Library errors rewritten as one-line InputErrors that say which layer failed
 * and how: "a.log.gz: gzip data is truncated (unexpected end of file)".
 * An error that already is an InputError (from an inner layer) passes through.
 */
export type Layer = 'file' | 'gzip' | 'bzip2' | 'tar' | 'zip' | 'zip member';

export function describeFault(layer: Layer, path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  return new InputError(path, reasonFor(layer, err), err);
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent of it is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'I/O error while reading',
  ENAMETOOLONG: 'name too long',
};

const TRUNCATED: Readonly<Record<Exclude<Layer, 'file'>, RegExp>> = {
  gzip: /unexpected end of file/i,
  bzip2: /ended prematurely|unexpected end/i,
  tar: /unexpected end of data/i,
  zip: /unexpected EOF|end of central directory record signature not found/i,
  'zip member': /unexpected end of file|unexpected EOF/i,
};

const SUBJECT: Readonly<Record<Exclude<Layer, 'file'>, string>> = {
  gzip: 'gzip data',
  bzip2: 'bzip2 data',
  tar: 'tar archive',
  zip: 'zip archive',
  'zip member': 'zip member',
};

function reasonFor(layer: Layer, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FS_REASONS[code] !== undefined) return FS_REASONS[code];
  const text = oneLine(err instanceof Error ? err.message : String(err));
  if (layer === 'file') return text;
  return `${SUBJECT[layer]} is ${TRUNCATED[layer].test(text) ? 'truncated' : 'corrupt'} (${text})`;
}
