import { createGunzip } from 'node:zlib';
import { pump, readableSource, type ByteSource } from './byte-source.js';
import { describeFault } from './describe-fault.js';

/** zlib's default 16 KiB output buffer costs a thread-pool round trip per 16 KiB. */
const OUTPUT_CHUNK = 256 * 1024;

/**
 * Gunzips `input`. Concatenated gzip members (`cat a.gz b.gz`, rotated logs
 * appended to) decompress as one stream, like `zcat` does.
 */
export function gunzipSource(path: string, input: ByteSource): ByteSource {
  const gunzip = createGunzip({ chunkSize: OUTPUT_CHUNK });
  const output = readableSource(gunzip, (err) => describeFault('gzip', path, err));
  const stop = pump(input, gunzip);
  return {
    read: output.read,
    close() {
      stop();
      gunzip.destroy();
      input.close();
    },
  };
}
