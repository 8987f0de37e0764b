import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import type { Warning } from '../parse/log-entry.js';
import { describeFault } from './describe-fault.js';
import { isSkippedName } from './skip-rules.js';

export type InputTarget =
  | { kind: 'stdin' }
  /** `regular` is false for a FIFO or device: no size, no random access. */
  | { kind: 'file'; path: string; size: number; regular: boolean };

/** How stdin is named in paths and warnings. */
export const STDIN_PATH = '<stdin>';

/**
 * Expands command-line arguments into the files to read, in order: each
 * argument in turn; a folder walked recursively, entries sorted by name (byte
 * order, so the result does not depend on the locale), hidden and plainly
 * non-log files skipped (see skip-rules); `-` for stdin. Symbolic links are
 * followed; a folder reached twice (a link loop) and a file named twice are
 * read once. Sockets and FIFOs inside folders are passed over, but a FIFO named
 * on the command line (`<(zcat x.gz)`) is read.
 *
 *   listInputs(['logs', '-'])  // logs/a.log, logs/pg_log/b.log.gz, then stdin
 */
export async function* listInputs(args: readonly string[], warn: (w: Warning) => void): AsyncGenerator<InputTarget> {
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has(STDIN_PATH)) yield { kind: 'stdin' };
      seen.add(STDIN_PATH);
      continue;
    }
    const info = await statOrWarn(arg, warn);
    if (!info) continue;
    if (info.isDirectory()) yield* walk(arg, info, seen, warn);
    else if (firstVisit(seen, info)) yield { kind: 'file', path: arg, size: info.isFile() ? info.size : 0, regular: info.isFile() };
  }
}

/** Bytes on disk of everything listInputs yields, for a progress bar (stdin and FIFOs count 0). */
export async function totalInputBytes(args: readonly string[]): Promise<number> {
  let total = 0;
  for await (const target of listInputs(args, () => {})) if (target.kind === 'file') total += target.size;
  return total;
}

async function* walk(dir: string, info: Stats, seen: Set<string>, warn: (w: Warning) => void): AsyncGenerator<InputTarget> {
  if (!firstVisit(seen, info)) return;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    warn(describeFault('file', dir, err).toWarning());
    return;
  }
  for (const name of names.sort(byCodePoint)) {
    if (isSkippedName(name)) continue;
    const path = join(dir, name);
    const entry = await statOrWarn(path, warn);
    if (!entry) continue;
    if (entry.isDirectory()) yield* walk(path, entry, seen, warn);
    else if (entry.isFile() && firstVisit(seen, entry)) yield { kind: 'file', path, size: entry.size, regular: true };
  }
}

async function statOrWarn(path: string, warn: (w: Warning) => void): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    warn(describeFault('file', path, err).toWarning());
    return undefined;
  }
}

function firstVisit(seen: Set<string>, info: Stats): boolean {
  const key = `${info.dev}:${info.ino}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
