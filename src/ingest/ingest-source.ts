/** One input (file, archive member or stdin) through line splitting, parsing and into the store. */
import { Readable } from 'node:stream';
import { readLines, type ReadLinesResult } from '../input/line-reader.js';
import type { EntrySink } from '../parse/log-entry.js';
import type { LogFormat, StoreWriter } from '../store/store-writer.js';
import type { Envelope } from '../store/log-format.js';
import { createFormatRouter, RejectedInput, type FormatChoice, type Routed } from './format-router.js';

export const UNKNOWN_FORMAT =
  "not a PostgreSQL log in any known format (stderr, csvlog, jsonlog, syslog, a container runtime's records, CloudNativePG's JSON lines); its lines are kept as unparsed";

export interface SourceOptions {
  format: FormatChoice;
  prefix?: string;
  tz?: string;
  force: boolean;
}

export type SourceStatus = 'ingested' | 'partial' | 'duplicate' | 'rejected';

export interface SourceResult {
  path: string;
  status: SourceStatus;
  format?: LogFormat;
  prefix?: string;
  /** What the lines came wrapped in, if anything (files.envelope). */
  envelope?: Envelope;
  bytes: number;
  lines: number;
  entries: number;
  unparsed: number;
  warnings: number;
  /** For duplicates: the stored file with the same content. For --force: the one replaced. */
  sameAs?: string;
  /** Stored files this input is a longer copy of (the same log, grown since): removed, this one replacing them. */
  grownFrom?: string[];
  error?: string;
}

export interface SourceHooks {
  /** A located, one-line problem; printed by the command and stored in `warnings`. */
  warn(path: string, message: string, line?: number): void;
  entries(n: number): void;
}

export async function ingestSource(
  path: string,
  stream: Readable,
  writer: StoreWriter,
  options: SourceOptions,
  hooks: SourceHooks,
): Promise<SourceResult> {
  const fileId = writer.beginFile(path);
  // A stored file of the same log may be this one as it was: the input is hashed at its size too.
  const earlier = writer.sameLog(path, fileId);
  let warnings = 0;
  let routed: Routed = { format: 'unknown' };
  const warn = (message: string, line?: number): void => {
    warnings++;
    writer.warning(fileId, path, message, line);
    hooks.warn(path, message, line);
  };
  let pendingEntries = 0;
  const sink: EntrySink = {
    entry(e) {
      writer.entry(fileId, e);
      if (++pendingEntries === 4096) {
        hooks.entries(pendingEntries);
        pendingEntries = 0;
      }
    },
    unparsed(u) {
      writer.unparsed(fileId, u);
    },
    warn,
  };
  const routerOptions = { file: path, format: options.format, ...(options.prefix !== undefined && { prefix: options.prefix }), ...(options.tz !== undefined && { tz: options.tz }) };
  const router = createFormatRouter(sink, routerOptions, (r) => {
    routed = r;
    writer.setFormat(fileId, r.format, r.prefix, r.prefixSource, r.envelope);
  });
  let read: ReadLinesResult;
  try {
    read = await readLines(Readable.from(paced(stream, writer), { objectMode: false }), router, { warn }, earlier.map((c) => c.bytes));
  } catch (err) {
    if (!(err instanceof RejectedInput)) throw err;
    stream.destroy();
    await writer.discardFile(fileId);
    hooks.warn(path, err.message.replace(`${path}: `, ''));
    return { path, status: 'rejected', bytes: 0, lines: 0, entries: 0, unparsed: 0, warnings: warnings + 1, error: err.message };
  }
  hooks.entries(pendingEntries);
  const streamError = read.error?.message;
  if (streamError !== undefined) warn(`input ended early after line ${read.lines}: ${streamError}; the lines before it are kept`);

  if (routed.format === 'unknown' && read.lines > 0) {
    writer.warning(fileId, path, UNKNOWN_FORMAT);
    warnings++;
  }
  const { entries, unparsed } = writer.totals(fileId);
  const base = { path, format: routed.format, ...(routed.prefix !== undefined && { prefix: routed.prefix }), ...(routed.envelope !== undefined && { envelope: routed.envelope }), bytes: read.bytes, lines: read.lines, entries, unparsed, warnings };
  const same = streamError === undefined ? writer.findByHash(read.sha256, fileId) : undefined;
  if (same && !options.force) {
    await writer.discardFile(fileId);
    return { ...base, status: 'duplicate', sameAs: same.path };
  }
  writer.finishFile(fileId, { hash: read.sha256, bytes: read.bytes, lines: read.lines, ...(streamError !== undefined && { error: streamError }) });
  // --force: the new copy replaces every earlier one.
  for (let old = same; old; old = writer.findByHash(read.sha256, fileId)) await writer.discardFile(old.id);
  // The log grew since it was stored: the stored copy is this one's beginning, its entries all here again.
  const prefixHashes = read.prefixHashes;
  const grownFrom = streamError === undefined ? earlier.filter((c) => c.bytes < read.bytes && prefixHashes.get(c.bytes) === c.hash) : [];
  for (const old of grownFrom) await writer.discardFile(old.id);
  return {
    ...base,
    status: streamError === undefined ? 'ingested' : 'partial',
    ...(same && { sameAs: same.path }),
    ...(grownFrom.length > 0 && { grownFrom: grownFrom.map((c) => c.path) }),
    ...(streamError !== undefined && { error: streamError }),
  };
}

/** The input's chunks, each only once the store can take more rows: the back-pressure that keeps memory flat. */
async function* paced(stream: Readable, writer: StoreWriter): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    await writer.ready();
    yield chunk as Buffer;
  }
}
