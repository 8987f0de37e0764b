/** How much of the start of an input looksBinary judges by. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * True when the first bytes of an input are not text: a NUL, or more than 10%
 * control bytes. Tab, LF, VT, FF, CR and ESC (colour codes in captured terminal
 * output) count as text; bytes >= 0x80 do too (UTF-8, Latin-1 logs).
 *
 *   looksBinary(Buffer.from('2024-01-01 LOG:  x\n')) === false
 *   looksBinary(Buffer.from([0x53, 0x51, 0x4c, 0x00])) === true   // a SQLite page
 */
export function looksBinary(firstBytes: Uint8Array): boolean {
  const n = Math.min(firstBytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = firstBytes[i]!;
    if (b === 0) return true;
    if ((b < 0x20 && !TEXT_CONTROLS.has(b)) || b === 0x7f) control++;
  }
  return control * 10 > n;
}

const TEXT_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);
