import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Warning } from '../parse/log-entry.js';
import { createByteMeter, type ByteMeter } from './byte-meter.js';
import { peek, readableSource, type ByteSource } from './byte-source.js';
import { describeFault } from './describe-fault.js';
import { gunzipSource } from './gunzip-source.js';
import { asInputError } from './input-error.js';
import { listInputs, STDIN_PATH, type InputTarget } from './list-inputs.js';
import { BINARY_SNIFF_BYTES, looksBinary } from './looks-binary.js';
import { sniffFormat, UNSUPPORTED } from './sniff-format.js';
import { SourceStream } from './source-stream.js';
import { spoolToFile } from './spool-to-file.js';
import type { ArchiveMember } from './tar-members.js';

export { totalInputBytes } from './list-inputs.js';

/** One log to read: a file, an archive member, or stdin, decompressed. */
export interface InputSource {
  /** Display path: `logs/a.log`, `logs.tgz!/pg_log/a.log`, `<stdin>`. */
  readonly path: string;
  /** The first bytes of the content (up to 8 KiB, all of it if shorter), for looksBinary; also still in `stream`. */
  readonly head: Buffer;
  /**
   * The content bytes. Read it to the end or destroy it before asking for the
   * next source. It fails only with an InputError naming `path`, e.g.
   * "a.log.gz: gzip data is truncated (unexpected end of file)", after
   * delivering every byte before the damage.
   */
  readonly stream: Readable;
}

export interface InputHooks {
  /** A problem that cost an input or part of one: missing file, corrupt archive, stdin is a terminal. */
  warn(w: Warning): void;
  /** Raw bytes read (compressed bytes for archives), for a progress bar against totalInputBytes. */
  rawBytes(n: number): void;
}

/**
 * File reads of 64 KiB cost a thread-pool round trip each and cap reading near 250 MB/s.
 * Larger reads parse a little faster (1 MiB: 5-10 % less CPU on the bench logs) but
 * keep more memory: each read is a new buffer outside V8's heap, its text a string
 * outside it too from about 1 MB, and a scavenge that finds one still in use moves it
 * to the old generation, where it stays until a full collection. With 1 MiB reads that
 * garbage reached 70 MB and the peak RSS 272-281 MB on the 320 MB log; with 256 KiB,
 * 6 MB and 224-234 MB.
 */
const READ_CHUNK = 256 * 1024;

/** Deeper nesting than a tar of gzipped logs inside a zip is a mistake or a zip bomb. */
const MAX_DEPTH = 4;

interface Context {
  warn(w: Warning): void;
  meter: ByteMeter;
}

/** Where a layer's bytes come from: `file` when they are exactly that file (zip needs random access). */
interface Origin {
  depth: number;
  file?: string;
}

/**
 * Every log in `args` (files, folders, `-` for stdin: see listInputs), with
 * gzip, bzip2, tar and zip opened while streaming, by content rather than by
 * name, nested ones included. Problems go to hooks.warn and the next input is
 * opened; nothing throws out of here.
 *
 *   for await (const input of openInputs(['logs.tgz'], hooks)) await readLines(input.stream, parser, hooks);
 *   // logs.tgz!/pg_log/postgresql-Mon.log, logs.tgz!/pg_log/postgresql-Tue.log.gz, ...
 */
export async function* openInputs(args: readonly string[], hooks: InputHooks, stdin: Readable = process.stdin): AsyncGenerator<InputSource> {
  const bound: InputHooks = { warn: (w) => hooks.warn(w), rawBytes: (n) => hooks.rawBytes(n) };
  for await (const target of listInputs(args, bound.warn)) {
    if (target.kind === 'stdin') yield* openStdin(stdin, bound);
    else yield* openFile(target, bound);
  }
}

async function* openFile(target: Extract<InputTarget, { kind: 'file' }>, hooks: InputHooks): AsyncGenerator<InputSource> {
  const meter = createByteMeter(target.regular ? target.size : undefined, hooks.rawBytes);
  const ctx = { warn: hooks.warn, meter };
  try {
    let handle;
    try {
      handle = await open(target.path, 'r');
    } catch (err) {
      hooks.warn(describeFault('file', target.path, err).toWarning());
      return;
    }
    const raw = metered(readableSource(handle.createReadStream({ highWaterMark: READ_CHUNK }), (err) => describeFault('file', target.path, err)), meter);
    try {
      yield* expand(target.path, raw, target.regular ? { depth: 0, file: target.path } : { depth: 0 }, ctx);
    } finally {
      raw.close();
    }
  } finally {
    meter.finish();
  }
}

async function* openStdin(stdin: Readable, hooks: InputHooks): AsyncGenerator<InputSource> {
  if ((stdin as { isTTY?: boolean }).isTTY) {
    hooks.warn({ file: STDIN_PATH, message: 'stdin is a terminal, not a pipe: pipe a log into it (cat postgresql.log | pgautopsy ingest -)' });
    return;
  }
  const meter = createByteMeter(undefined, hooks.rawBytes);
  const raw = metered(readableSource(stdin, (err) => describeFault('file', STDIN_PATH, err)), meter);
  try {
    yield* expand(STDIN_PATH, raw, { depth: 0 }, { warn: hooks.warn, meter });
  } finally {
    raw.close();
  }
}

function metered(source: ByteSource, meter: ByteMeter): ByteSource {
  return {
    async read() {
      const chunk = await source.read();
      if (chunk !== null) meter.add(chunk.length);
      return chunk;
    },
    close: () => source.close(),
  };
}

/** Looks at the content and opens whatever container it is in, recursively. */
async function* expand(path: string, input: ByteSource, origin: Origin, ctx: Context): AsyncGenerator<InputSource> {
  const { head, source, error } = await peek(input, BINARY_SNIFF_BYTES);
  try {
    const format = sniffFormat(head);
    if (format === 'plain') {
      // A stream that failed before yielding anything readable: say so rather than offer junk.
      if (error !== undefined && (head.length === 0 || looksBinary(head))) ctx.warn(asInputError(path, error).toWarning());
      else yield* offer(path, head, source);
      return;
    }
    const unsupported = UNSUPPORTED[format];
    if (unsupported !== undefined) return ctx.warn({ file: path, message: unsupported });
    if (origin.depth >= MAX_DEPTH) return ctx.warn({ file: path, message: `archives nested more than ${MAX_DEPTH} deep; not opened` });
    const inner: Origin = { depth: origin.depth + 1 };
    // The archive libraries are loaded when an archive comes: importing them costs every
    // command's start-up (yauzl's CommonJS alone kept two compiler threads busy ~50 ms).
    switch (format) {
      case 'gzip':
        return yield* expand(path, gunzipSource(path, source), inner, ctx);
      case 'bzip2': {
        const { bunzip2Source } = await import('./bunzip2-source.js');
        return yield* expand(path, bunzip2Source(path, source), inner, ctx);
      }
      case 'tar': {
        const { tarMembers } = await import('./tar-members.js');
        return yield* expandMembers(path, tarMembers(path, source, ctx.warn), inner, ctx);
      }
      case 'zip':
        return yield* expandZip(path, source, origin, ctx);
    }
  } finally {
    source.close();
  }
}

async function* expandMembers(path: string, members: AsyncGenerator<ArchiveMember>, inner: Origin, ctx: Context): AsyncGenerator<InputSource> {
  for await (const member of members) yield* expand(`${path}!/${member.name}`, member.source, inner, ctx);
}

async function* expandZip(path: string, source: ByteSource, origin: Origin, ctx: Context): AsyncGenerator<InputSource> {
  const { zipMembers } = await import('./zip-members.js');
  const inner: Origin = { depth: origin.depth + 1 };
  if (origin.file !== undefined) {
    source.close(); // read again through the central directory
    return yield* expandMembers(path, zipMembers(path, origin.file, ctx.warn, (n) => ctx.meter.add(n)), inner, ctx);
  }
  let spooled;
  try {
    spooled = await spoolToFile(source);
  } catch (err) {
    return ctx.warn(asInputError(path, err).toWarning());
  }
  try {
    yield* expandMembers(path, zipMembers(path, spooled.file, ctx.warn), inner, ctx);
  } finally {
    await spooled.remove();
  }
}

/** Hands one source to the consumer, and afterwards makes sure it is released. */
async function* offer(path: string, head: Buffer, source: ByteSource): AsyncGenerator<InputSource> {
  const stream = new SourceStream(path, source);
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  try {
    yield { path, head: head.subarray(0, BINARY_SNIFF_BYTES), stream };
  } finally {
    if (!stream.destroyed) stream.destroy(); // skipped, or abandoned half-way
    await closed;
  }
}
