import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByteSource } from './byte-source.js';

/**
 * Copies a source to a temporary file, for formats that need random access
 * (a zip inside a tar, or piped to stdin). Streams, so memory stays flat; the
 * disk holds one copy until `remove` is called.
 */
export async function spoolToFile(source: ByteSource): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pgautopsy-'));
  const file = join(dir, 'spooled');
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(file);
  try {
    for (let chunk = await source.read(); chunk !== null; chunk = await source.read()) {
      if (!out.write(chunk)) await once(out, 'drain'); // rejects on a write error (disk full)
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
  } catch (err) {
    out.destroy();
    await remove();
    throw err;
  } finally {
    source.close();
  }
  return { file, remove };
}
