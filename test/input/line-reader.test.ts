import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { InputError } from '../../src/input/input-error.js';
import { readLines } from '../../src/input/line-reader.js';

function recorder() {
  const lines: string[] = [];
  let flushed = 0;
  return { lines, flushed: () => flushed, consumer: { push: (t: string) => void lines.push(t), flush: () => void flushed++ } };
}

/** A stream that yields `chunks` and then fails with `error`. */
function failingAfter(chunks: string[], error: Error): Readable {
  return Readable.from((async function* () {
    for (const c of chunks) yield Buffer.from(c);
    throw error;
  })());
}

describe('readLines', () => {
  it('reads a stream to the end and flushes', async () => {
    const r = recorder();
    const result = await readLines(Readable.from([Buffer.from('a\nb'), Buffer.from('c\n')]), r.consumer, { warn: () => {} });
    assert.deepEqual(r.lines, ['a', 'bc']);
    assert.equal(r.flushed(), 1);
    assert.equal(result.lines, 2);
    assert.equal(result.error, undefined);
  });

  it('on an InputError keeps the lines before it, flushes, and returns the error', async () => {
    const r = recorder();
    const error = new InputError('a.log.gz', 'gzip data is truncated (unexpected end of file)');
    const result = await readLines(failingAfter(['one\ntwo\nhal'], error), r.consumer, { warn: () => {} });
    assert.deepEqual(r.lines, ['one', 'two', 'hal']);
    assert.equal(r.flushed(), 1);
    assert.equal(result.error, error);
    assert.equal(result.lines, 3);
  });

  it('rejects on a foreign stream error', async () => {
    const r = recorder();
    await assert.rejects(readLines(failingAfter(['x\n'], new TypeError('boom')), r.consumer, { warn: () => {} }), TypeError);
  });

  it('rejects when the consumer throws, and destroys the stream', async () => {
    const stream = Readable.from([Buffer.from('a\n'), Buffer.from('b\n')]);
    const consumer = { push: () => { throw new RangeError('parser bug'); }, flush: () => {} };
    await assert.rejects(readLines(stream, consumer, { warn: () => {} }), RangeError);
    assert.equal(stream.destroyed, true);
  });

  it('passes line warnings through with their line numbers', async () => {
    const warnings: Array<[string, number | undefined]> = [];
    await readLines(Readable.from([Buffer.from([0x61, 0x0a, 0xff, 0x0a])]), recorder().consumer, { warn: (m, l) => void warnings.push([m, l]) });
    assert.deepEqual(warnings, [['invalid UTF-8 on line 2; the bad bytes read as U+FFFD', 2]]);
  });
});
