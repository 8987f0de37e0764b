import { Readable } from 'node:stream';
import type { ByteSource } from './byte-source.js';
import { asInputError } from './input-error.js';

/**
 * A ByteSource as the Node Readable that InputSource hands out. It fails only
 * with an InputError naming `path` ("a.tgz!/x.log: in a.tgz: gzip data is
 * truncated ..."), and destroying it releases the source behind it.
 */
export class SourceStream extends Readable {
  readonly path: string;
  readonly #source: ByteSource;

  constructor(path: string, source: ByteSource) {
    // Chunks are up to 1 MiB already; one in hand is enough read-ahead.
    super({ highWaterMark: 1 });
    this.path = path;
    this.#source = source;
  }

  override _read(): void {
    this.#source.read().then(
      (chunk) => {
        this.push(chunk);
      },
      (err: unknown) => {
        this.destroy(asInputError(this.path, err));
      },
    );
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.#source.close();
    callback(err);
  }
}
