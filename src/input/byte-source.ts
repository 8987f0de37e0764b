import type { Readable } from 'node:stream';
import { InputError } from './input-error.js';

/**
 * A pull-based source of byte chunks: one layer of an input (a file, a
 * decompressor, an archive member). Layers wrap each other; the consumer pulls,
 * so nothing is read faster than it is used and memory stays flat.
 */
export interface ByteSource {
  /** The next chunk, or null at the end. Fails with an InputError naming the layer at fault. */
  read(): Promise<Buffer | null>;
  /** Give up early: release what the source holds (file handle, decompressor). Safe to repeat. */
  close(): void;
}

/** A Node Readable as a ByteSource; `fault` turns its errors into located InputErrors. */
export function readableSource(stream: Readable, fault: (err: unknown) => InputError): ByteSource {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    async read() {
      try {
        const next = await chunks.next();
        return next.done ? null : next.value;
      } catch (err) {
        throw err instanceof InputError ? err : fault(err);
      }
    },
    close() {
      stream.destroy();
    },
  };
}

/**
 * Reads the first `n` bytes (fewer if the source is shorter) without losing them.
 * A read error does not throw here: `error` is set and the returned source
 * replays what was read, then fails with it, so the lines before a truncation
 * still reach the consumer.
 */
export async function peek(source: ByteSource, n: number): Promise<{ head: Buffer; source: ByteSource; error?: unknown }> {
  const chunks: Buffer[] = [];
  let have = 0;
  let error: unknown;
  try {
    while (have < n) {
      const chunk = await source.read();
      if (chunk === null) break;
      chunks.push(chunk);
      have += chunk.length;
    }
  } catch (err) {
    error = err ?? new Error('unknown read error');
  }
  const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const rest: ByteSource = error === undefined ? source : { read: () => Promise.reject(error), close: () => source.close() };
  return { head, source: replay(chunks, rest), ...(error !== undefined && { error }) };
}

function replay(chunks: Buffer[], rest: ByteSource): ByteSource {
  let next = 0;
  return {
    read: () => (next < chunks.length ? Promise.resolve(chunks[next++]!) : rest.read()),
    close: () => rest.close(),
  };
}

/**
 * Writes a source into a Node Writable (a decompressor) in the background,
 * honouring backpressure. A read error destroys the target with that error, so
 * it surfaces where the target's output is read. Returns a stop function.
 */
export function pump(source: ByteSource, target: ByteSink): () => void {
  let stopped = false;
  void (async () => {
    try {
      for (let chunk = await source.read(); chunk !== null; chunk = await source.read()) {
        if (stopped || target.destroyed) return;
        if (!target.write(chunk)) await drained(target);
      }
      if (!stopped && !target.destroyed) target.end();
    } catch (err) {
      target.destroy(err as Error);
    }
  })();
  return () => {
    stopped = true;
  };
}

/** What pump needs of a writable: Node's (zlib) and streamx's (tar-stream) both fit. */
export interface ByteSink {
  write(chunk: Buffer): boolean;
  end(chunk?: undefined): unknown;
  destroy(err?: Error): void;
  readonly destroyed: boolean;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

function drained(target: ByteSink): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      target.off('drain', done);
      target.off('close', done);
      resolve();
    };
    target.on('drain', done);
    target.on('close', done);
  });
}
