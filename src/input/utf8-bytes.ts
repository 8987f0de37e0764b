/** Byte-level UTF-8 helpers for the line splitter's hot path. */

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

/**
 * Index of the first byte >= 0x80 in buf[from, to), or `to`. Tests four bytes
 * at a time through `words`, a Uint32Array over buf's whole ArrayBuffer.
 */
export function nextHighByte(buf: Buffer, words: Uint32Array, from: number, to: number): number {
  const offset = buf.byteOffset;
  let i = from;
  for (; i < to && ((offset + i) & 3) !== 0; i++) if (buf[i]! >= 0x80) return i;
  const lastWord = (offset + to) >>> 2;
  let w = (offset + i) >>> 2;
  while (w < lastWord && (words[w]! & 0x80808080) === 0) w++;
  for (i = Math.max(i, w * 4 - offset); i < to; i++) if (buf[i]! >= 0x80) return i;
  return to;
}
