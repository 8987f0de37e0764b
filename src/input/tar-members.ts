import tar, { type Header } from 'tar-stream';
import type { Warning } from '../parse/log-entry.js';
import { pump, type ByteSource } from './byte-source.js';
import { describeFault } from './describe-fault.js';
import { isSkippedPath } from './skip-rules.js';

export interface ArchiveMember {
  /** Path inside the archive, without a leading `./` or `/`. */
  name: string;
  source: ByteSource;
}

/**
 * The regular files of a tar stream, one at a time. A member must be finished
 * with before the next is asked for; what the consumer left unread is skipped
 * here (a tar can only be read in order). A damaged archive ends the listing
 * with a warning: the members after the damage cannot be found.
 */
export async function* tarMembers(path: string, input: ByteSource, warn: (w: Warning) => void): AsyncGenerator<ArchiveMember> {
  const extract = tar.extract();
  const entries = extract[Symbol.asyncIterator]();
  const stop = pump(input, extract);
  let last: string | undefined;
  try {
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const entry = next.value;
      const source = entrySource(path, entry);
      const name = entry.header.name.replace(/^(?:\.?\/)+/, '');
      if (isRegularFile(entry.header.type) && !isSkippedPath(name)) {
        last = name;
        yield { name, source };
      }
      await source.drain();
    }
  } catch (err) {
    const reason = describeFault('tar', path, err).seenFrom(path).reason;
    warn({ file: path, message: last === undefined ? reason : `stopped reading the archive after ${last}: ${reason}` });
  } finally {
    stop();
    extract.destroy();
    input.close();
  }
}

function isRegularFile(type: Header['type'] | null | undefined): boolean {
  return type === 'file' || type === 'contiguous-file' || type == null;
}

/**
 * An entry as a ByteSource whose close() leaves the entry alone: destroying a
 * tar-stream entry destroys the whole archive, so leftovers are drained instead.
 * Reads are chained because the entry's iterator takes one pending read at a time.
 */
function entrySource(path: string, entry: AsyncIterable<unknown>): ByteSource & { drain(): Promise<void> } {
  const chunks = entry[Symbol.asyncIterator]();
  let done = false;
  let queue: Promise<unknown> = Promise.resolve();
  const read = (): Promise<Buffer | null> => {
    const result = queue.then(async () => {
      if (done) return null;
      try {
        const next = await chunks.next();
        done = next.done === true;
        return done ? null : (next.value as Buffer);
      } catch (err) {
        throw describeFault('tar', path, err);
      }
    });
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    read,
    close() {},
    async drain() {
      while ((await read()) !== null);
    },
  };
}
