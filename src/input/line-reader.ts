import type { Readable } from 'node:stream';
import type { LineConsumer } from '../parse/log-entry.js';
import { InputError } from './input-error.js';
import { createLineSplitter, type LineReaderResult, type LineWarnings } from './line-splitter.js';

export { createLineSplitter, type LineReaderResult, type LineSplitter, type LineWarnings } from './line-splitter.js';

export interface ReadLinesResult extends LineReaderResult {
  /**
   * Set when the input broke off (truncated gzip, damaged archive): every line
   * before the break was delivered and the consumer was flushed, so the partial
   * content is usable; the caller decides how to report it.
   */
  error?: InputError;
}

/**
 * Feeds every line of `stream` to `consumer`, then flushes it.
 *
 * An input problem (the stream fails with an InputError, as streams from
 * openInputs do) resolves with `error` set; anything else (a bug in the
 * consumer, a foreign stream's error) rejects.
 */
export async function readLines(stream: Readable, consumer: LineConsumer, hooks: LineWarnings, hashPrefixes: readonly number[] = []): Promise<ReadLinesResult> {
  const splitter = createLineSplitter(consumer, hooks, hashPrefixes);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { ...splitter.end(), error: err };
    }
    if (next.done) return splitter.end();
    try {
      splitter.push(next.value);
    } catch (err) {
      stream.destroy(); // the consumer gave up: release the file or archive behind the stream
      throw err;
    }
  }
}
