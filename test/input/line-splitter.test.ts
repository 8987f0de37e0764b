import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createLineSplitter, LONG_LINE_BYTES, type LineReaderResult } from '../../src/input/line-splitter.js';

interface Split {
  lines: string[];
  numbers: number[];
  warnings: Array<[string, number | undefined]>;
  result: LineReaderResult;
  flushes: number;
}

function split(chunks: readonly Buffer[], hashPrefixes: readonly number[] = []): Split {
  const out: Split = { lines: [], numbers: [], warnings: [], result: { lines: 0, bytes: 0, sha256: '', prefixHashes: new Map() }, flushes: 0 };
  const splitter = createLineSplitter(
    {
      push(text, line) {
        assert.equal(out.flushes, 0, 'no line after flush');
        out.lines.push(text);
        out.numbers.push(line);
      },
      flush() {
        out.flushes++;
      },
    },
    { warn: (message, line) => out.warnings.push([message, line]) },
    hashPrefixes,
  );
  for (const chunk of chunks) splitter.push(chunk);
  out.result = splitter.end();
  return out;
}

/** What the splitter must produce, computed the slow obvious way from the whole input. */
function reference(bytes: Buffer): string[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const stripped = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (stripped[0]?.startsWith('\ufeff')) stripped[0] = stripped[0].slice(1);
  return stripped;
}

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('createLineSplitter', () => {
  const cases: Array<{ name: string; input: Buffer; lines: string[] }> = [
    { name: 'empty input', input: bytes(''), lines: [] },
    { name: 'one line without newline', input: bytes('a'), lines: ['a'] },
    { name: 'one line with newline', input: bytes('a\n'), lines: ['a'] },
    { name: 'a lone newline is one empty line', input: bytes('\n'), lines: [''] },
    { name: 'blank lines are kept', input: bytes('a\n\n\nb\n'), lines: ['a', '', '', 'b'] },
    { name: 'CRLF', input: bytes('a\r\nb\r\n'), lines: ['a', 'b'] },
    { name: 'CRLF without final newline', input: bytes('a\r\nb'), lines: ['a', 'b'] },
    { name: 'only one CR is stripped', input: bytes('a\r\r\n'), lines: ['a\r'] },
    { name: 'a CR inside a line stays', input: bytes('a\rb\n'), lines: ['a\rb'] },
    { name: 'a final lone CR is a line ending in CR stripped', input: bytes('a\r'), lines: ['a'] },
    { name: 'BOM at the start is dropped', input: bytes([0xef, 0xbb, 0xbf], 'a\nb'), lines: ['a', 'b'] },
    { name: 'BOM on a later line is content', input: bytes('a\n', [0xef, 0xbb, 0xbf], 'b'), lines: ['a', '\ufeffb'] },
    { name: '2, 3 and 4 byte characters', input: bytes('é€😀\nñ\n'), lines: ['é€😀', 'ñ'] },
    { name: 'tabs and NULs are content', input: bytes('a\tb\u0000c\n'), lines: ['a\tb\u0000c'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = split([c.input]);
      assert.deepEqual(s.lines, c.lines);
      assert.deepEqual(s.numbers, c.lines.map((_, i) => i + 1));
      assert.deepEqual(s.warnings, []);
      assert.equal(s.result.lines, c.lines.length);
      assert.equal(s.result.bytes, c.input.length);
      assert.equal(s.flushes, 1);
    });
  }

  it('hashes and counts the raw bytes, whatever the chunking', () => {
    const input = bytes([0xef, 0xbb, 0xbf], 'x\r\ny', [0xff], '\n');
    const sha256 = createHash('sha256').update(input).digest('hex');
    for (const chunks of [[input], [...input].map((b) => Buffer.from([b]))]) {
      const { result } = split(chunks);
      assert.deepEqual(result, { lines: 2, bytes: input.length, sha256, prefixHashes: new Map() });
    }
  });

  it('hashes the first N bytes too, for each N asked that the input reaches, whatever the chunking', () => {
    const input = Buffer.from('2026-11-26 10:00:00 UTC [1] LOG:  one\n2026-11-26 10:00:01 UTC [1] LOG:  two\n');
    const asked = [input.length + 5, 1, 38, 38, input.length, input.length - 1];
    const expected = new Map([1, 38, input.length - 1, input.length].map((n) => [n, createHash('sha256').update(input.subarray(0, n)).digest('hex')]));
    for (let size = 1; size <= input.length; size++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
      const { result, lines } = split(chunks, asked);
      assert.deepEqual(new Map([...result.prefixHashes].sort((a, b) => a[0] - b[0])), expected, `chunks of ${size}`);
      assert.equal(result.sha256, expected.get(input.length));
      assert.equal(lines.length, 2);
    }
  });

  it('decodes a multi-byte character split at every offset', () => {
    for (const ch of ['é', '€', '😀']) {
      const input = bytes(`a${ch}b\n`);
      for (let cut = 0; cut <= input.length; cut++) {
        const s = split([input.subarray(0, cut), input.subarray(cut)]);
        assert.deepEqual(s.lines, [`a${ch}b`], `${ch} cut at ${cut}`);
        assert.deepEqual(s.warnings, [], `${ch} cut at ${cut}`);
      }
    }
  });

  it('a read larger than the pieces it is decoded in gives the same lines as small reads', () => {
    // Reads are decoded in pieces of about 96 KiB cut after a newline: lines of every length
    // around that, one longer than a piece (no newline to cut at), text beyond ASCII and bad bytes.
    const parts: Array<string | number[]> = [];
    for (let i = 0; i < 40; i++) {
      const length = [10, 1000, 30_000, 95_000, 97_000, 200_000][i % 6]!;
      parts.push(`${i} `.padEnd(length, i % 4 === 0 ? 'é' : 'x'), i % 5 === 0 ? [0xc3, 0x28] : [], i % 3 === 0 ? '\r\n' : '\n');
    }
    const input = bytes(...parts);
    const small = split(Array.from({ length: Math.ceil(input.length / 1000) }, (_, k) => input.subarray(k * 1000, (k + 1) * 1000)));
    assert.deepEqual(small.lines, reference(input));
    for (const size of [input.length, 256 * 1024, 100_000]) {
      const s = split(Array.from({ length: Math.ceil(input.length / size) }, (_, k) => input.subarray(k * size, (k + 1) * size)));
      assert.deepEqual(s.lines, small.lines, `reads of ${size} bytes`);
      assert.deepEqual(s.numbers, small.numbers);
      assert.deepEqual(s.warnings, small.warnings);
    }
  });

  describe('the same input split at every byte offset gives the same lines', () => {
    const input = bytes(
      [0xef, 0xbb, 0xbf],
      '2024-01-01 00:00:00 UTC [1] LOG:  plain ascii\r\n',
      '\tDETAIL: tab continuation\n\n',
      'müller € 😀 \ufffd (a real U+FFFD)\n',
      'bad ', [0xc3, 0x28], ' pair and a stray ', [0x80], '\n',
      'cut ', [0xe2, 0x82], ' short\r\n',
      'overlong ', [0xc0, 0xaf], ' and ', [0xf0, 0x9f, 0x98], '\n',
      'no final newline ', [0xe2, 0x82],
    );
    const expected = reference(input);
    const whole = split([input]);

    it('matches the reference decoding in one chunk', () => {
      assert.deepEqual(whole.lines, expected);
      assert.deepEqual(whole.warnings, [['invalid UTF-8 on line 5 (4 lines in all); the bad bytes read as U+FFFD', 5]]);
    });

    it('in two chunks, cut at every offset', () => {
      for (let cut = 0; cut <= input.length; cut++) {
        const s = split([input.subarray(0, cut), input.subarray(cut)]);
        assert.deepEqual(s.lines, expected, `cut at ${cut}`);
        assert.deepEqual(s.warnings, whole.warnings, `cut at ${cut}`);
        assert.equal(s.result.sha256, whole.result.sha256);
      }
    });

    it('one byte at a time', () => {
      const s = split([...input].map((b) => Buffer.from([b])));
      assert.deepEqual(s.lines, expected);
      assert.deepEqual(s.warnings, whole.warnings);
    });

    it('in three chunks, cut at every pair of offsets', () => {
      for (let a = 0; a <= input.length; a += 3) {
        for (let b = a; b <= input.length; b += 5) {
          const s = split([input.subarray(0, a), input.subarray(a, b), input.subarray(b)]);
          assert.deepEqual(s.lines, expected, `cuts at ${a}, ${b}`);
        }
      }
    });
  });

  describe('invalid UTF-8', () => {
    it('is replaced, never dropped, and reported once naming the first line', () => {
      const s = split([bytes('ok\nbad ', [0xff], '\nok\nalso ', [0xfe], ' bad\n')]);
      assert.deepEqual(s.lines, ['ok', 'bad \ufffd', 'ok', 'also \ufffd bad']);
      assert.deepEqual(s.warnings, [['invalid UTF-8 on line 2 (2 lines in all); the bad bytes read as U+FFFD', 2]]);
    });

    it('counts a line once even when its bad bytes arrive in several chunks', () => {
      const s = split([bytes('x', [0xff]), bytes([0xff], 'y\n')]);
      assert.deepEqual(s.lines, ['x\ufffd\ufffdy']);
      assert.deepEqual(s.warnings, [['invalid UTF-8 on line 1; the bad bytes read as U+FFFD', 1]]);
    });

    it('reports a character cut short by the end of input', () => {
      const s = split([bytes('a\nb', [0xf0, 0x9f])]);
      assert.deepEqual(s.lines, ['a', 'b\ufffd']);
      assert.deepEqual(s.warnings, [['invalid UTF-8 on line 2; the bad bytes read as U+FFFD', 2]]);
    });

    it('does not report a U+FFFD that is really in the input', () => {
      const s = split([bytes('a \ufffd b\n')]);
      assert.deepEqual(s.lines, ['a \ufffd b']);
      assert.deepEqual(s.warnings, []);
    });
  });

  it('gives the same lines for mostly-ASCII, dense non-ASCII and mixed chunks in a long input', () => {
    // Enough 64 KiB chunks of each kind to make the splitter switch between its decoding strategies.
    const ascii = '2024-01-01 00:00:00 UTC [1] LOG:  checkpoint complete\n'.repeat(3000);
    const sparse = ('2024-01-01 LOG:  plain\n'.repeat(7) + 'user=müller\n').repeat(1500);
    const dense = '2024-01-01 ОШИБКА:  взаимоблокировка обнаружена 😀\n'.repeat(3000);
    const input = Buffer.from(ascii + dense + sparse + dense + ascii + sparse);
    const chunks: Buffer[] = [];
    for (let i = 0; i < input.length; i += 65_521) chunks.push(input.subarray(i, i + 65_521));
    const s = split(chunks);
    assert.deepEqual(s.lines, reference(input));
    assert.deepEqual(s.warnings, []);
  });

  it('keeps a 50 MiB line whole and warns once', () => {
    const size = 50 * 1024 * 1024;
    const input = Buffer.concat([Buffer.from('first\n'), Buffer.alloc(size, 'x'), Buffer.from('\nlast\n'), Buffer.alloc(LONG_LINE_BYTES + 1, 'y')]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < input.length; i += 65_536) chunks.push(input.subarray(i, i + 65_536));
    const s = split(chunks);
    assert.deepEqual(s.numbers, [1, 2, 3, 4]);
    assert.equal(s.lines[1]!.length, size);
    assert.ok(s.lines[1]!.startsWith('xxx') && s.lines[1]!.endsWith('xxx'));
    assert.deepEqual([s.lines[0], s.lines[2]], ['first', 'last']);
    assert.equal(s.lines[3]!.length, LONG_LINE_BYTES + 1);
    assert.deepEqual(s.warnings, [['line 2 is 50.0 MiB long (2 lines over 1 MiB); kept whole', 2]]);
  });

  it('measures long lines in bytes, not characters', () => {
    const threeByteChars = '€'.repeat(400_000); // 400k chars, 1.2 MB
    assert.deepEqual(split([Buffer.from(threeByteChars)]).warnings, [['line 1 is 1.1 MiB long; kept whole', 1]]);
    assert.deepEqual(split([Buffer.from('x'.repeat(LONG_LINE_BYTES))]).warnings, []);
  });
});
