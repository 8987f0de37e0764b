import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Warning } from '../parse/log-entry.js';
import { readableSource } from './byte-source.js';
import { describeFault } from './describe-fault.js';
import { oneLine } from './one-line.js';
import { isSkippedPath } from './skip-rules.js';
import type { ArchiveMember } from './tar-members.js';

/**
 * The regular files of a zip on disk, one at a time. Zip is read through its
 * central directory (random access), so a damaged member costs only itself.
 * `memberDone` gets each offered member's compressed size, for progress.
 */
export async function* zipMembers(
  path: string,
  file: string,
  warn: (w: Warning) => void,
  memberDone: (compressedBytes: number) => void = () => {},
): AsyncGenerator<ArchiveMember> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    warn(describeFault('zip', path, err).toWarning());
    return;
  }
  const entries = entryReader(zip);
  let last: string | undefined;
  try {
    for (;;) {
      let entry: yauzl.Entry | null;
      try {
        entry = await entries.next();
      } catch (err) {
        const reason = describeFault('zip', path, err).reason;
        warn({ file: path, message: last === undefined ? reason : `stopped reading the archive after ${last}: ${reason}` });
        return;
      }
      if (entry === null) return;
      if (!isRegularFile(entry) || isSkippedPath(entry.fileName)) continue;
      const memberPath = `${path}!/${entry.fileName}`;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (err) {
        // Encrypted members, compression methods yauzl lacks (bzip2, deflate64, ...)
        warn({ file: memberPath, message: `cannot read this member (${oneLine(err instanceof Error ? err.message : String(err))})` });
        continue;
      }
      last = entry.fileName;
      const source = readableSource(stream, (err) => describeFault('zip member', memberPath, err));
      try {
        yield { name: entry.fileName, source };
      } finally {
        source.close();
        memberDone(entry.compressedSize);
      }
    }
  } finally {
    zip.close();
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

/** yauzl's lazy entry events as a pull: next() resolves with an entry, or null after the last. */
function entryReader(zip: yauzl.ZipFile): { next(): Promise<yauzl.Entry | null> } {
  return {
    next: () =>
      new Promise((resolve, reject) => {
        const settle = (fn: () => void): void => {
          zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
          fn();
        };
        const onEntry = (entry: yauzl.Entry): void => settle(() => resolve(entry));
        const onEnd = (): void => settle(() => resolve(null));
        const onError = (err: Error): void => settle(() => reject(err));
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
      }),
  };
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** Directories end in `/`; unix-made zips keep the file mode in the top 16 bits (0 elsewhere). */
function isRegularFile(entry: yauzl.Entry): boolean {
  if (entry.fileName.endsWith('/')) return false;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  return mode === 0 || mode === S_IFREG;
}
