import unbzip2Stream from 'unbzip2-stream';
import type { ByteSource } from './byte-source.js';
import { describeFault } from './describe-fault.js';
import type { InputError } from './input-error.js';

/**
 * Bunzips `input` (pure JS, so slow: ~20 MB/s; bzip2 logs are rare). The
 * decoder is synchronous, so this pulls input only when it has no output.
 */
export function bunzip2Source(path: string, input: ByteSource): ByteSource {
  const decoder = unbzip2Stream();
  const output: Buffer[] = [];
  let ended = false;
  let failure: InputError | undefined;
  decoder.on('data', (block: Buffer) => output.push(block));
  decoder.on('end', () => {
    ended = true;
  });
  decoder.on('error', (err: unknown) => {
    failure ??= describeFault('bzip2', path, err);
  });
  return {
    async read() {
      while (output.length === 0) {
        if (failure) throw failure;
        if (ended) return null;
        const chunk = await input.read();
        if (chunk === null) decoder.end();
        else decoder.write(chunk);
      }
      return output.shift()!;
    },
    close() {
      output.length = 0;
      input.close();
    },
  };
}
