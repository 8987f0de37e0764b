/**
 * Damage a real log the way edits, pastes, truncation and hostile text do: lines
 * dropped, repeated, swapped, cut, joined or split, odd text inserted, numbers made
 * absurd, severities changed, csv quotes lost, bytes overwritten. Seeded, so that a
 * failing case can be replayed.
 */

/** A small deterministic PRNG (an LCG): the same seed gives the same damage. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const ODD_TEXT = [
  '\uFFFD', '\t', '\r', '"', '""', '\\', '{', '}', ',', ':', 'ERROR:  ', 'DETAIL:  ', 'STATEMENT:  ',
  '99999999999999999999', '-1', '1e309', 'NaN', '2026-13-45 25:61:61.999', '9999-12-31 23:59:59.999 UTC',
  'process 4294967296 still waiting for ShareLock on transaction 18446744073709551616 after -5 ms',
  'Process 1 waits for ShareLock on transaction 1; blocked by process 1.', 'duration: 1e400 ms', '[N-2]', '#011',
  '\u202e', '<script>',
];
const SEVERITIES = ['LOG', 'ERROR', 'FATAL', 'DETAIL', 'STATEMENT', 'CONTEXT', 'HINT', 'PANIC', 'QUERY'];
const ABSURD_NUMBERS = ['0', '99999999999999999999', '-7', '4294967296'];

export function mutateLog(content: Buffer, seed: number, edits: number): Buffer {
  const r = seededRandom(seed);
  const any = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const lines = content.toString('utf8').split('\n');
  for (let k = 0; k < edits; k++) {
    const i = Math.floor(r() * lines.length);
    const line = lines[i] ?? '';
    const at = Math.floor(r() * (line.length + 1));
    switch (Math.floor(r() * 11)) {
      case 0: lines.splice(i, 1 + Math.floor(r() * 3)); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: { const j = Math.floor(r() * lines.length); [lines[i], lines[j]] = [lines[j]!, line]; break; }
      case 3: lines[i] = line.slice(0, at); break;
      case 4: lines[i] = line.slice(0, at) + any(ODD_TEXT) + line.slice(at); break;
      case 5: lines[i] = line.replace(/\d+/g, (d) => (r() < 0.3 ? any(ABSURD_NUMBERS) : d)); break;
      case 6: if (i + 1 < lines.length) lines.splice(i, 2, line + lines[i + 1]!); break;
      case 7: lines.splice(i, 1, line.slice(0, at), line.slice(at)); break;
      case 8: lines.splice(i + 1, 0, `\t${any(ODD_TEXT)}`); break;
      case 9: lines[i] = line.replace(/LOG|ERROR|FATAL|DETAIL|STATEMENT|CONTEXT|HINT|PANIC/, () => any(SEVERITIES)); break;
      case 10: lines[i] = line.replace(/"/g, () => (r() < 0.2 ? '' : '"')); break;
    }
  }
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  // Overwritten bytes: invalid UTF-8, control bytes, broken JSON and csv quoting. Not NUL:
  // a NUL in its first lines makes a file binary (test/input/sniffing.test.ts).
  if (r() < 0.5) for (let k = 0; k < 5; k++) bytes[Math.floor(r() * bytes.length)] = 1 + Math.floor(r() * 255);
  return bytes;
}
