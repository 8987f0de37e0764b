/** `pgautopsy ingest`: every input into the store, with a summary of what happened to each. */
import { envelopeName } from '../store/log-format.js';
import type { Readable, Writable } from 'node:stream';
import { openInputs, totalInputBytes } from '../input/open-inputs.js';
import { ingestSource, UNKNOWN_FORMAT, type SourceResult } from '../ingest/ingest-source.js';
import type { FormatChoice } from '../ingest/format-router.js';
import { createStoreWriter, type ThreadCpu } from '../store/store-writer.js';
import { cpuSeconds, threadCpuSeconds } from '../util/cpu-seconds.js';
import { createProgress, silentProgress } from '../util/progress.js';
import { formatBytes } from '../util/format-number.js';
import { UsageError } from './errors.js';
import { isIanaZone } from '../parse/timestamp.js';
import { containedFiles, type ContainedFile } from '../derive/mirror-files.js';
import { readStore } from '../store/open-store.js';

export interface IngestOptions {
  db: string;
  format: FormatChoice;
  prefix?: string;
  tz?: string;
  quiet: boolean;
  json: boolean;
  force: boolean;
}

export interface CommandIO {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable;
}

export interface IngestSummary {
  store: string;
  files: number;
  bytes: number;
  lines: number;
  entries: number;
  unparsed: number;
  skipped: number;
  warnings: number;
  failed: number;
  results: SourceResult[];
  /** Files of this ingest, or stored files, whose entries are all in a larger file: the analyses count them once. */
  counted_once: ContainedFile[];
  /** Wall-clock seconds: reading, parsing and storing; building indexes; deriving facts. */
  timings: {
    ingest_s: number;
    index_s: number;
    derive_s: number;
    ingest_cpu_s: number;
    index_cpu_s: number;
    derive_cpu_s: number;
    /** Each thread's CPU seconds per stage (NaN, printed null, where the system does not tell). */
    ingest_thread: ThreadCpu;
    writer_thread: ThreadCpu;
    /** Statement lines shaped on the ingest thread during the derive pass (large stores only). */
    statements_shaped_ahead: number;
  };
}

export async function ingestCommand(inputs: readonly string[], opts: IngestOptions, io: CommandIO): Promise<IngestSummary> {
  if (opts.tz !== undefined && !isIanaZone(opts.tz)) {
    throw new UsageError(`--tz '${opts.tz}' is not a time zone name (examples: UTC, Europe/Paris, America/New_York)`);
  }
  const progress =
    io.stderr.isTTY && !opts.quiet ? createProgress(io.stderr as NodeJS.WriteStream, await totalInputBytes(inputs)) : silentProgress;
  const say = (line: string): void => {
    progress.clear();
    io.stderr.write(`${line}\n`);
  };
  const writer = await createStoreWriter(opts.db);
  const summary: IngestSummary = { store: opts.db, files: 0, bytes: 0, lines: 0, entries: 0, unparsed: 0, skipped: 0, warnings: 0, failed: 0, results: [], counted_once: [], timings: {
      ingest_s: 0, index_s: 0, derive_s: 0, ingest_cpu_s: 0, index_cpu_s: 0, derive_cpu_s: 0,
      ingest_thread: { ingest_s: 0, index_s: 0, derive_s: 0 }, writer_thread: { ingest_s: 0, index_s: 0, derive_s: 0 },
      statements_shaped_ahead: 0,
    } };
  const started = performance.now();
  const startedCpu = cpuSeconds();
  const startedThreadCpu = threadCpuSeconds();
  /** How many times each warning was given: a folder of rotated logs repeats the same ones file after file. */
  const warned = new Map<string, number>();
  try {
    for (const path of await writer.discardIncomplete()) say(`note: removed the half-ingested ${path} left by an interrupted run`);
    const sources = openInputs(inputs, {
      warn: (w) => {
        summary.warnings++;
        summary.failed++;
        writer.warning(undefined, w.file, w.message, w.line);
        say(`error: ${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
      },
      rawBytes: (n) => progress.bytes(n),
    }, io.stdin);
    for await (const source of sources) {
      progress.file(source.path);
      const result = await ingestSource(source.path, source.stream, writer, sourceOptions(opts), {
        warn: (path, message, line) => {
          const n = (warned.get(message) ?? 0) + 1;
          warned.set(message, n);
          if (n <= SAME_WARNINGS_PRINTED) say(`warning: ${path}${line !== undefined ? `:${line}` : ''}: ${message}`);
        },
        entries: (n) => progress.entries(n),
      });
      summary.results.push(result);
      summary.warnings += result.warnings;
      if (result.status === 'duplicate') {
        summary.skipped++;
        say(`skipped: ${result.path}: same content as ${result.sameAs}, already in the store (--force re-ingests)`);
        continue;
      }
      if (result.status === 'rejected') {
        summary.failed++;
        continue;
      }
      if (result.status === 'partial') summary.failed++;
      for (const old of result.grownFrom ?? []) say(`replaced: ${old}: ${result.path} is the same log grown (or rotated) since; its entries were stored again from the longer copy`);
      summary.files++;
      summary.bytes += result.bytes;
      summary.lines += result.lines;
      summary.entries += result.entries;
      summary.unparsed += result.unparsed;
    }
    reportUnknownFormats(summary.results, say);
    reportRepeatedWarnings(warned, say);
  } finally {
    summary.timings.ingest_s = (performance.now() - started) / 1000;
    summary.timings.ingest_cpu_s = cpuSeconds() - startedCpu;
    const ingestThreadCpu = threadCpuSeconds() - startedThreadCpu;
    const closed = await writer.close((stage, done, total) =>
      progress.stage(stage === 'indexing' ? 'indexing' : 'deriving events:', done, total),
    );
    progress.done();
    Object.assign(summary.timings, closed, { ingest_thread: { ingest_s: ingestThreadCpu, ...closed.ingest_thread } });
  }
  summary.counted_once = countedOnce(opts.db, summary.results);
  reportCountedOnce(summary.counted_once, say);
  io.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : humanSummary(summary));
  return summary;
}

/** The files stored now or before whose entries are all in another, where this ingest stored one of the two. */
function countedOnce(store: string, results: readonly SourceResult[]): ContainedFile[] {
  const now = new Set(results.filter((r) => r.status === 'ingested' || r.status === 'partial').map((r) => r.path));
  if (now.size === 0) return [];
  return readStore(store, containedFiles).filter((c) => now.has(c.path) || now.has(c.within));
}

/** A line per file counted once, a few per larger file: a folder of rotated logs beside the whole log has hundreds. */
function reportCountedOnce(contained: readonly ContainedFile[], say: (line: string) => void): void {
  const byWithin = new Map<string, ContainedFile[]>();
  for (const c of contained) {
    const files = byWithin.get(c.within);
    if (files) files.push(c);
    else byWithin.set(c.within, [c]);
  }
  for (const [within, files] of byWithin) {
    for (const c of files.slice(0, 3)) {
      say(`counted once: ${c.path}: its ${c.entries} entries are all in ${within} (an excerpt or an earlier copy of the same log); they stay in the store, the analyses count them once`);
    }
    if (files.length > 3) say(`counted once: ${files.length - 3} more files whose entries are all in ${within} (--json lists them)`);
  }
}

/** The same warning is printed this many times (with its file), then counted in one line. */
const SAME_WARNINGS_PRINTED = 3;

/** One line for each warning given more times than it was printed. */
function reportRepeatedWarnings(warned: ReadonlyMap<string, number>, say: (line: string) => void): void {
  for (const [message, n] of warned) {
    if (n > SAME_WARNINGS_PRINTED) say(`warning: ${n - SAME_WARNINGS_PRINTED} more times (the warnings table has each, with its file): ${message}`);
  }
}

/** One line for all inputs in no known format: a folder of logs often holds a README or two. */
function reportUnknownFormats(results: readonly SourceResult[], say: (line: string) => void): void {
  const unknown = results.filter((r) => r.format === 'unknown' && r.lines > 0).map((r) => r.path);
  if (unknown.length === 1) say(`warning: ${unknown[0]}: ${UNKNOWN_FORMAT}`);
  else if (unknown.length > 1) {
    const listed = unknown.slice(0, 5).join(', ');
    const more = unknown.length > 5 ? `, … (+${unknown.length - 5})` : '';
    say(`warning: ${unknown.length} inputs are not PostgreSQL logs in any known format; their lines are kept as unparsed: ${listed}${more}`);
  }
}

function sourceOptions(opts: IngestOptions) {
  return {
    format: opts.format,
    force: opts.force,
    ...(opts.prefix !== undefined && { prefix: opts.prefix }),
    ...(opts.tz !== undefined && { tz: opts.tz }),
  };
}

const LISTED_FILES = 30;

function humanSummary(s: IngestSummary): string {
  const out: string[] = [];
  const stored = s.results.filter((r) => r.status === 'ingested' || r.status === 'partial');
  for (const r of stored.slice(0, LISTED_FILES)) {
    const format = r.format === 'stderr' || r.format === 'syslog' ? `${r.format} '${r.prefix ?? ''}'` : r.format;
    const how = r.envelope === undefined ? format : `${format} in ${envelopeName(r.envelope)}`;
    out.push(`  ${r.path}  ${how}  ${r.entries} entries${r.unparsed ? `, ${r.unparsed} unparsed` : ''}${r.status === 'partial' ? ' (partial)' : ''}`);
  }
  if (stored.length > LISTED_FILES) out.push(`  … and ${stored.length - LISTED_FILES} more files`);
  out.push(
    `${s.files} file${s.files === 1 ? '' : 's'} (${formatBytes(s.bytes)}, ${s.lines} lines) → ${s.entries} entries, ${s.unparsed} unparsed lines` +
      `${s.skipped ? `, ${s.skipped} skipped as already stored` : ''}${s.warnings ? `, ${s.warnings} warnings` : ''}`,
  );
  out.push(`store: ${s.store}`);
  return `${out.join('\n')}\n`;
}
