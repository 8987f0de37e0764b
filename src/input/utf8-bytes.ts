/**
 * Where the last complete UTF-8 character of `buf` ends.
 *
 * Bytes after it are the start of a character whose remaining bytes are in the
 * next chunk; decoding them now would turn a valid character into U+FFFD. Only
 * the last three bytes can hold such a start, so this costs at most three reads.
 *
 *   utf8CompleteLength(Buffer.from([0x61, 0xe2, 0x82])) === 1   // "a" + 2 of the 3 bytes of "€"
 */
export function utf8CompleteLength(buf: Uint8Array): number {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const b = buf[i]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return n - i < need ? i : n;
    }
    // a continuation byte: its lead byte is further back
  }
  return n;
}
