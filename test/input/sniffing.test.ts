import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { looksBinary } from '../../src/input/looks-binary.js';
import { sniffFormat, type ContentFormat } from '../../src/input/sniff-format.js';
import { nextHighByte, utf8CompleteLength } from '../../src/input/utf8-bytes.js';

const tarHeader = (): Buffer => {
  const block = Buffer.alloc(512);
  block.write('pg_log/a.log', 0);
  block.write('ustar\u000000', 257, 'latin1');
  return block;
};

describe('sniffFormat', () => {
  const cases: Array<[string, Buffer, ContentFormat]> = [
    ['gzip', gzipSync('x'), 'gzip'],
    ['bzip2 block', Buffer.from('BZh91AY&SY....', 'latin1'), 'bzip2'],
    ['bzip2 of empty input', Buffer.from([0x42, 0x5a, 0x68, 0x39, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90]), 'bzip2'],
    ['text that starts like bzip2', Buffer.from('BZh9 is not a header\n'), 'plain'],
    ['zip', Buffer.from('PK\u0003\u0004rest', 'latin1'), 'zip'],
    ['empty zip', Buffer.from('PK\u0005\u0006rest', 'latin1'), 'zip'],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00]), 'xz'],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]), 'zstd'],
    ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00]), '7z'],
    ['tar', tarHeader(), 'tar'],
    ['a log line', Buffer.from('2024-01-01 00:00:00 UTC [1] LOG:  x\n'), 'plain'],
    ['nothing', Buffer.alloc(0), 'plain'],
    ['one byte of gzip magic', Buffer.from([0x1f]), 'plain'],
  ];
  for (const [name, head, format] of cases) it(name, () => assert.equal(sniffFormat(head), format));
});

describe('looksBinary', () => {
  const cases: Array<[string, Buffer, boolean]> = [
    ['a log', Buffer.from('2024-01-01 LOG:  x\r\n\tDETAIL: y\n'), false],
    ['colour codes', Buffer.from('\u001b[31mERROR\u001b[0m: x\n'), false],
    ['UTF-8 and Latin-1 bytes', Buffer.from([0x61, 0xc3, 0xa9, 0xe9, 0x0a]), false],
    ['a NUL', Buffer.from('SQLite format 3\u0000'), true],
    ['many control bytes', Buffer.from('\u0001\u0002\u0003abcdefg'), true],
    ['a few control bytes', Buffer.from(`\u0007${'a'.repeat(20)}`), false],
    ['empty', Buffer.alloc(0), false],
    ['a NUL after 8 KiB is not looked at', Buffer.concat([Buffer.alloc(8192, 'a'), Buffer.from([0])]), false],
  ];
  for (const [name, head, binary] of cases) it(name, () => assert.equal(looksBinary(head), binary));
});

describe('utf8CompleteLength', () => {
  const cases: Array<[number[], number]> = [
    [[], 0],
    [[0x61], 1],
    [[0x61, 0xc3], 1],
    [[0xc3, 0xa9], 2],
    [[0x61, 0xe2, 0x82], 1],
    [[0xe2, 0x82, 0xac], 3],
    [[0xf0, 0x9f, 0x98], 0],
    [[0xf0, 0x9f, 0x98, 0x80], 4],
    [[0x80, 0x80, 0x80, 0x80], 4],
  ];
  for (const [input, length] of cases) it(`[${input.map((b) => b.toString(16)).join(' ')}] → ${length}`, () => assert.equal(utf8CompleteLength(Buffer.from(input)), length));
});

describe('nextHighByte', () => {
  it('finds the first byte >= 0x80 from any start, at any buffer alignment', () => {
    const backing = Buffer.alloc(80, 'a');
    for (const at of [3, 17, 18, 40, 41, 42, 43, 70]) backing[at] = 0xc3;
    for (let offset = 0; offset < 4; offset++) {
      const buf = backing.subarray(offset, 77 + (offset % 2));
      const words = new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2);
      for (let from = 0; from <= buf.length; from++) {
        let expected = from;
        while (expected < buf.length && buf[expected]! < 0x80) expected++;
        assert.equal(nextHighByte(buf, words, from, buf.length), expected, `offset ${offset}, from ${from}`);
      }
    }
  });
});
