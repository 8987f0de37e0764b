/**
 * What the first bytes of an input say it is, whatever its name says: a log
 * named `.log` may be gzipped, a `.gz` may be plain text.
 *
 *   sniffFormat(Buffer.from([0x1f, 0x8b, 8])) === 'gzip'
 */
export type ContentFormat = 'gzip' | 'bzip2' | 'zip' | 'tar' | 'xz' | 'zstd' | '7z' | 'rar' | 'plain';

/** Formats we recognise but cannot open in-process, with what to tell the user. */
export const UNSUPPORTED: Readonly<Partial<Record<ContentFormat, string>>> = {
  xz: 'xz-compressed data is not supported; decompress it first (xz -d)',
  zstd: 'zstd-compressed data is not supported; decompress it first (zstd -d)',
  '7z': '7z archives are not supported; extract them first',
  rar: 'rar archives are not supported; extract them first',
};

/** Enough bytes for every magic number below (tar's is at offset 257). */
export const SNIFF_BYTES = 512;

export function sniffFormat(head: Uint8Array): ContentFormat {
  if (starts(head, [0x1f, 0x8b])) return 'gzip';
  // "BZh" + block size digit + the block or end-of-stream magic: plain text rarely starts so.
  if (starts(head, [0x42, 0x5a, 0x68]) && head[3]! >= 0x31 && head[3]! <= 0x39 &&
      (at(head, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || at(head, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))) {
    return 'bzip2';
  }
  // Local file header, or the end record alone (an empty zip).
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (starts(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (starts(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  // POSIX "ustar\0" and GNU "ustar  " both start with "ustar" at offset 257.
  if (at(head, 257, [0x75, 0x73, 0x74, 0x61, 0x72])) return 'tar';
  return 'plain';
}

function starts(head: Uint8Array, magic: readonly number[]): boolean {
  return at(head, 0, magic);
}

function at(head: Uint8Array, offset: number, magic: readonly number[]): boolean {
  if (head.length < offset + magic.length) return false;
  return magic.every((b, i) => head[offset + i] === b);
}
