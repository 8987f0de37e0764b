/**
 * The ingest side of the store: entries are buffered into flat rows and shipped in
 * batches to the writer thread, control operations are
 * requests answered in order. `ready()` is the back-pressure: parsing waits while
 * too many batches are in flight, so memory stays flat however fast the input is.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LogEntry, UnparsedLine } from '../parse/log-entry.js';
import { createEntryPacker, pushPackedRow, type Cell } from './entry-rows.js';
import type { Envelope, LogFormat } from './log-format.js';
import { StoreError } from './open-store.js';
import type { CloseTimings, StoreCatalog, StoredContent } from './store-core.js';
import { lockStore } from './ingest-lock.js';
import { cpuSeconds, threadCpuSeconds } from '../util/cpu-seconds.js';
import type { WriterReply, WriterRequest } from './writer-protocol.js';
import { BATCH_CHARS, entryBatches } from '../derive/entry-batches.js';
import { startSideTextIndex, type SideTextIndex } from '../derive/search/side-text-index.js';
import { checkpointWal } from './checkpoint-wal.js';
import { createStoredCatalog } from './stored-catalog.js';

/** A turn of the event loop: the writer's replies are heard, and the batches in flight go down. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type { LogFormat } from './log-format.js';
export type { StoredContent, ThreadCpu } from './store-core.js';

/**
 * Batches sent and not yet stored before the ingest thread waits (it looks once per read
 * chunk, about 5 batches). With 4 the writer, the slower thread, ran dry between chunks:
 * parse + store alone took 6 % longer (median of 8 alternating runs). 12 batches are
 * about 1 MB; the derive pass's batches of entries read back, up to 100 000 characters
 * each, about as much.
 */
const BATCHES_IN_FLIGHT = 12;
/**
 * Entry cells per batch sent (about 500 rows of a pgbench log). Kept well under V8's
 * large-object size (128 KB, 16 K cells): a larger array (the packer's strings were
 * once among the cells) lives outside the young generation, so every young string it
 * holds is copied at each scavenge and then promoted. Batches of 24 K cells cost the
 * ingest thread 460 ms of scavenges on the 106 MB bench, these 280 ms; parse + store
 * went from about 3.1 s to 2.9 s.
 *
 * Batches, the unparsed lines' too, also end at BATCH_CHARS characters of text, as the
 * derive pass's do: a log of long statements (or of 50 MB lines) would otherwise put
 * hundreds of megabytes in each batch in flight.
 */
const ENTRY_CELLS_PER_BATCH = 4096;
/**
 * Entries are classified on whichever thread has room: the ingest thread classifies the
 * next batch when at least this many are in flight (the writer is behind), else leaves it
 * to the writer (see unpack-rows.ts). Either thread may be the busier one, depending on
 * the log and on the moment: always classifying on the ingest thread took 4 % more wall
 * time on the 320 MB bench log, 3 % on the 106 MB one (medians of 8-12 paired runs).
 */
const CLASSIFY_WHEN_IN_FLIGHT = BATCHES_IN_FLIGHT / 2;
/** The store size from which the derive pass shapes statement lines on the ingest thread too: about 100 000 entries. */
const SHAPE_AHEAD_STORE_BYTES = 32 * 1024 * 1024;
/** Unparsed lines are 5 cells each, rarely many: a batch of 2 048. */
const UNPARSED_CELLS_PER_BATCH = 2048 * 5;

export interface FileTotals {
  entries: number;
  unparsed: number;
}

/** What close() is doing: indexing (no measure of how far), then deriving `done` of `total` entries. */
export type CloseProgress = (stage: 'indexing' | 'deriving', done: number, total: number) => void;

/**
 * The store's writer, as the ingest thread sees it. Rows and file bookkeeping are sent
 * without waiting: the thread knows the complete files stored (their sizes and hashes,
 * for duplicates and grown logs) and numbers new files itself, so that a file costs no
 * round trip to the writer thread. Each round trip waited for the writer to store the
 * rows before it, with this thread idle: a folder of 600 small logs spent a third of
 * its ingest waiting so. A failure in the writer surfaces at the next ready(), request
 * or close().
 */
export interface StoreWriter {
  beginFile(path: string): number;
  setFormat(fileId: number, format: LogFormat, prefix?: string, prefixSource?: 'inferred' | 'given', envelope?: Envelope): void;
  entry(fileId: number, e: LogEntry): void;
  unparsed(fileId: number, u: UnparsedLine): void;
  warning(fileId: number | undefined, path: string, message: string, line?: number): void;
  totals(fileId: number): FileTotals;
  /** Resolves when the writer can take more rows. */
  ready(): Promise<void>;
  /** The first complete file stored with this content, other than `exceptId`. */
  findByHash(hash: string, exceptId?: number): StoredContent | undefined;
  /** The complete files of the same log as `path` (stored-catalog.ts), other than `exceptId`, with their sizes and hashes. */
  sameLog(path: string, exceptId: number): StoredContent[];
  finishFile(fileId: number, done: { hash: string; bytes: number; lines: number; error?: string }): void;
  /** Removes a file and everything stored from it. */
  discardFile(fileId: number): Promise<void>;
  /** Files left half-written by an interrupted run: removed, their paths returned. */
  discardIncomplete(): Promise<string[]>;
  /** Commits, builds indexes, rebuilds derived tables, ends the writer thread. */
  close(onProgress?: CloseProgress): Promise<CloseTimings>;
}

interface Transport {
  /** `transfer`: buffers of the request handed over, not copied. */
  send(request: WriterRequest, transfer?: ArrayBuffer[]): Promise<unknown>;
  end(): Promise<void>;
}

function threadTransport(): Transport {
  const worker = new Worker(new URL('./writer-thread.js', import.meta.url));
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  worker.on('message', (reply: WriterReply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!w) return;
    if (reply.ok) w.resolve(reply.value);
    else w.reject(reply.storeError ? new StoreError(reply.message) : new Error(reply.message));
  });
  worker.on('error', (err) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  });
  return {
    send(request, transfer) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, request }, transfer);
      });
    },
    async end() {
      await worker.terminate();
    },
  };
}

export interface StoreWriterOptions {
  /** From this store size on, the derive pass shapes statement lines on the ingest thread too. */
  shapeAheadFromBytes?: number;
}

export async function createStoreWriter(path: string, { shapeAheadFromBytes = SHAPE_AHEAD_STORE_BYTES }: StoreWriterOptions = {}): Promise<StoreWriter> {
  const lock = lockStore(path);
  const transport = threadTransport();
  let catalog: StoreCatalog;
  try {
    await transport.send({ op: 'open', path });
    catalog = (await transport.send({ op: 'catalog' })) as StoreCatalog;
  } catch (err) {
    await transport.end();
    lock.release();
    throw err;
  }
  /** The complete files, kept up to date as files finish or go. */
  const complete = createStoredCatalog(catalog.contents);
  let nextFileId = catalog.nextFileId;
  /** The paths of the files begun and not finished. */
  const begun = new Map<number, string>();
  const totals = new Map<number, FileTotals & { firstTs: string | null; lastTs: string | null }>();
  const entryRows = createEntryPacker({ cells: ENTRY_CELLS_PER_BATCH, chars: BATCH_CHARS });
  let unparsedRows: Cell[] = [];
  let unparsedChars = 0;
  let inFlight = 0;
  let asyncError: unknown;
  let wakeUp: (() => void) | undefined;

  function counts(fileId: number) {
    let t = totals.get(fileId);
    if (!t) {
      t = { entries: 0, unparsed: 0, firstTs: null, lastTs: null };
      totals.set(fileId, t);
    }
    return t;
  }

  /** Sends a batch without waiting for it; ready() holds the sender back while too many are in flight. */
  function post(request: WriterRequest, transfer?: ArrayBuffer[]): void {
    inFlight++;
    transport
      .send(request, transfer)
      .catch((err: unknown) => (asyncError ??= err))
      .finally(() => {
        inFlight--;
        wakeUp?.();
      });
  }

  function ship(): void {
    if (entryRows.size === 0 && unparsedRows.length === 0) return;
    const entries = entryRows.take();
    post({ op: 'rows', entries, unparsed: unparsedRows }, [entries.cells.buffer as ArrayBuffer]);
    entryRows.classifying = inFlight >= CLASSIFY_WHEN_IN_FLIGHT;
    unparsedRows = [];
    unparsedChars = 0;
  }

  async function ready(): Promise<void> {
    while (inFlight >= BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (wakeUp = resolve));
    if (asyncError) throw asyncError;
  }

  /** Every control request goes after the rows buffered before it. */
  async function request(r: WriterRequest): Promise<unknown> {
    ship();
    if (asyncError) throw asyncError;
    return transport.send(r);
  }

  return {
    beginFile(path) {
      const id = nextFileId++;
      begun.set(id, path);
      void request({ op: 'begin', path, id }).catch((err: unknown) => (asyncError ??= err));
      return id;
    },
    setFormat(fileId, format, prefix, prefixSource, envelope) {
      void request({ op: 'format', fileId, format, prefix: prefix ?? null, prefixSource: prefixSource ?? null, envelope: envelope ?? null }).catch((err: unknown) => (asyncError ??= err));
    },
    entry(fileId, e) {
      entryRows.push(fileId, e);
      const t = counts(fileId);
      t.entries++;
      if (e.ts !== undefined) {
        if (t.firstTs === null || e.ts < t.firstTs) t.firstTs = e.ts;
        if (t.lastTs === null || e.ts > t.lastTs) t.lastTs = e.ts;
      }
      if (entryRows.full) ship();
    },
    unparsed(fileId, u) {
      pushPackedRow(unparsedRows, [fileId, u.line, u.reason, u.text]);
      unparsedChars += u.text.length;
      counts(fileId).unparsed++;
      if (unparsedRows.length >= UNPARSED_CELLS_PER_BATCH || unparsedChars >= BATCH_CHARS) ship();
    },
    warning(fileId, path, message, line) {
      void request({ op: 'warning', fileId: fileId ?? null, path, message, line: line ?? null }).catch((err: unknown) => (asyncError ??= err));
    },
    totals(fileId) {
      const { entries, unparsed } = counts(fileId);
      return { entries, unparsed };
    },
    ready,
    findByHash(hash, exceptId = -1) {
      return complete.findByHash(hash, exceptId);
    },
    sameLog(path, exceptId) {
      return complete.sameLog(path, exceptId);
    },
    finishFile(fileId, done) {
      const t = counts(fileId);
      void request({
        op: 'finish',
        fileId,
        done: { hash: done.hash, bytes: done.bytes, lines: done.lines, entries: t.entries, unparsed: t.unparsed, firstTs: t.firstTs, lastTs: t.lastTs, error: done.error ?? null },
      }).catch((err: unknown) => (asyncError ??= err));
      const path = begun.get(fileId);
      if (done.error === undefined && path !== undefined) complete.add({ id: fileId, path, bytes: done.bytes, hash: done.hash });
      begun.delete(fileId);
      totals.delete(fileId);
    },
    async discardFile(fileId) {
      complete.remove(fileId);
      begun.delete(fileId);
      await request({ op: 'discard', fileId });
      totals.delete(fileId);
    },
    async discardIncomplete() {
      return (await request({ op: 'discardIncomplete' })) as string[];
    },
    async close(onProgress = () => undefined) {
      let failed = true;
      let words: SideTextIndex | undefined;
      try {
        const started = performance.now();
        const startedCpu = cpuSeconds();
        const writerCpu = async (): Promise<number> => (await request({ op: 'cpu' })) as number;
        // The writer's time so far is the ingest's: it starts with the first file.
        const writerStarted = await writerCpu();
        const threadStarted = threadCpuSeconds();
        onProgress('indexing', 0, 0);
        await request({ op: 'endRows' });
        // A request sent without waiting (the last file's finish) may have failed meanwhile.
        if (asyncError) throw asyncError;
        // The derive pass has this thread shape the statement lines ahead (entry-batches.ts),
        // with PostgreSQL's parser, loaded meanwhile. For a small store that saves less than
        // loading the parser here costs (80 ms, and 12 MB).
        const shaperLoad = statSync(path).size >= shapeAheadFromBytes ? import('../derive/statements/statement-shaper.js') : undefined;
        shaperLoad?.catch(() => undefined); // awaited below: a failure before then must not go unhandled
        // While the writer thread builds the indexes, this one, idle otherwise, builds
        // the text index beside the store, a step at a time so that progress is drawn.
        words = startSideTextIndex(path);
        let indexing = true;
        const indexed = request({ op: 'index' }).finally(() => (indexing = false));
        while (indexing && words.step()) await turn();
        await indexed;
        const indexedAt = performance.now();
        const indexedCpu = cpuSeconds();
        const writerIndexed = await writerCpu();
        const threadIndexed = threadCpuSeconds();
        await request({ op: 'deriveBegin' });
        // This thread reads the entries back while the writer thread derives from them,
        // and goes on with the text index whenever the writer has batches enough in hand.
        let total = 0;
        let done = 0;
        let shapedAhead = 0;
        const shaper = shaperLoad === undefined ? undefined : (await shaperLoad).createShaper();
        for (const batch of entryBatches(path, { onTotal: (n) => (total = n), shaper })) {
          while (inFlight >= BATCHES_IN_FLIGHT && words.step()) await turn();
          await ready();
          post({ op: 'deriveRows', batch });
          for (const k of batch.shapeOf) if (k >= 0) shapedAhead++;
          onProgress('deriving', (done += batch.rows), total);
        }
        const textIndex = words.finish();
        const prepared = textIndex === undefined ? {} : { textIndex };
        const finished = request({ op: 'deriveFinish', prepared });
        // The pages the index phase wrote are still in the write-ahead log: the text
        // index's and the derive pass's readers held them there. Nothing holds them now,
        // and the writer would copy them into the store file at its commit; this thread,
        // idle while the writer closes the pass, copies them instead (on the 320 MB bench
        // log, the writer's commit took 0.21-0.22 s after it, 0.36-0.79 s without it).
        checkpointWal(path);
        await finished;
        const writerDerived = await writerCpu();
        failed = false;
        return {
          index_s: (indexedAt - started) / 1000,
          derive_s: (performance.now() - indexedAt) / 1000,
          index_cpu_s: indexedCpu - startedCpu,
          derive_cpu_s: cpuSeconds() - indexedCpu,
          writer_thread: { ingest_s: writerStarted, index_s: writerIndexed - writerStarted, derive_s: writerDerived - writerIndexed },
          ingest_thread: { index_s: threadIndexed - threadStarted, derive_s: threadCpuSeconds() - threadIndexed },
          statements_shaped_ahead: shapedAhead,
        };
      } finally {
        // First, so that the writer finds no other connection to the store when it leaves WAL mode.
        words?.discard();
        // After a failure the first error is the one to report, not a failed close.
        const closing = transport.send({ op: 'close' });
        try {
          await (failed ? closing.catch(() => undefined) : closing);
        } finally {
          await transport.end();
          lock.release();
        }
      }
    },
  };
}
