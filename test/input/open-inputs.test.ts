import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { looksBinary } from '../../src/input/looks-binary.js';
import { openInputs, totalInputBytes } from '../../src/input/open-inputs.js';
import { collectInputs, fixture, numberedLines, readAll, tarOf, tempTree, type Run } from './collect-inputs.js';

const A = '2024-01-01 00:00:00 UTC [1] LOG:  a1\n2024-01-01 00:00:01 UTC [1] LOG:  a2\n';
const B = '2024-01-02 00:00:00 UTC [2] LOG:  b1\n';

let tree: Awaited<ReturnType<typeof tempTree>>;
const p = (name: string): string => tree.path(name);

/** Paths relative to the temp folder, so expectations read like the archive listings. */
function relativeRun(run: Run): Run {
  const rel = (s: string): string => s.split(`${tree.dir}/`).join('');
  return {
    ...run,
    sources: run.sources.map((s) => ({ ...s, path: rel(s.path), ...(s.error !== undefined && { error: rel(s.error) }) })),
    warnings: run.warnings.map((w) => ({ ...w, file: rel(w.file) })),
  };
}

const open = async (args: string[], options?: Parameters<typeof collectInputs>[1]): Promise<Run> => relativeRun(await collectInputs(args, options));
const listing = (run: Run): Array<[string, string]> => run.sources.map((s) => [s.path, s.text]);

before(async () => {
  const big = numberedLines(20_000);
  const tarred = await tarOf([
    { name: './pg_log/', type: 'directory' },
    { name: './pg_log/a.log', content: A },
    { name: './pg_log/b.log.gz', content: gzipSync(B) },
    { name: './pg_log/.a.log.swp', content: 'vim swap' },
    { name: './.snapshots/pg_log/a.log', content: 'hidden folder' },
    { name: './pg_log/current.log', type: 'symlink', linkname: 'a.log' },
    { name: './inner.tar', content: await tarOf([{ name: 'c.log', content: 'c\n' }]) },
    { name: 'bundle/logs.zip', content: await readFile(fixture('logs.zip')) },
  ]);
  const twoMembers = await tarOf([{ name: 'big.log', content: big }, { name: 'next.log', content: 'next\n' }]);
  const tgz = gzipSync(twoMembers);
  tree = await tempTree({
    'plain.log': A,
    'a.log.gz': gzipSync(A),
    'disguised.log': gzipSync(B),                       // gzip without the extension
    'not-gzip.gz': 'plain text after all\n',
    'multi.log.gz': Buffer.concat([gzipSync(A), gzipSync(B)]),
    'empty.log': '',
    'logs.tar': tarred,
    'logs.tgz': gzipSync(tarred),
    'two.tgz': tgz,
    'truncated.log.gz': gzipSync(big).subarray(0, 20_000),
    'truncated.tgz': tgz.subarray(0, Math.floor(tgz.length / 2)),
    'truncated.tar': twoMembers.subarray(0, 300_000),
    'tiny-truncated.gz': gzipSync(B).subarray(0, 11), // header only: no content byte comes out
    'short-truncated.gz': gzipSync(B).subarray(0, 30), // less than the 8 KiB peeked at, but some text
    'big.log': numberedLines(60_000),
    'five-deep.gz': [1, 2, 3, 4, 5].reduce((data) => gzipSync(data), Buffer.from(B)),
    'four-deep.gz': [1, 2, 3, 4].reduce((data) => gzipSync(data), Buffer.from(B)),
    'x.log.xz': Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]),
    'binary.dat': Buffer.from([0x53, 0x51, 0x4c, 0x00, 0x01, 0x02]),
    'after.log': 'after\n',
  });
  for (const name of ['logs.zip', 'methods.zip', 'logs.tar.bz2', 'multi.log.bz2']) await copyFile(fixture(name), p(name));
  const zip = await readFile(fixture('logs.zip'));
  await writeFile(p('truncated.zip'), zip.subarray(0, 300));
  await writeFile(p('bad-member.zip'), corruptMember(zip, 'pg_log/a.log'));
});
after(() => tree.remove());

/** Overwrites the compressed data of one zip member with an invalid deflate block. */
function corruptMember(zip: Buffer, name: string): Buffer {
  const copy = Buffer.from(zip);
  for (let at = copy.indexOf('PK\u0003\u0004'); at !== -1; at = copy.indexOf('PK\u0003\u0004', at + 4)) {
    const nameLength = copy.readUInt16LE(at + 26);
    if (copy.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue;
    const data = at + 30 + nameLength + copy.readUInt16LE(at + 28);
    copy.fill(0xff, data, data + 8);
    return copy;
  }
  throw new Error(`no member ${name}`);
}

describe('openInputs: plain and gzip', { timeout: 60_000 }, () => {
  it('reads plain files, gzip by content not name, and multi-member gzip', async () => {
    const run = await open([p('plain.log'), p('a.log.gz'), p('disguised.log'), p('not-gzip.gz'), p('multi.log.gz'), p('empty.log')]);
    assert.deepEqual(listing(run), [
      ['plain.log', A],
      ['a.log.gz', A],
      ['disguised.log', B],
      ['not-gzip.gz', 'plain text after all\n'],
      ['multi.log.gz', A + B],
      ['empty.log', ''],
    ]);
    assert.deepEqual(run.warnings, []);
  });

  it('gives the first bytes of the content as head, for binary detection', async () => {
    const run = await open([p('a.log.gz'), p('binary.dat')]);
    assert.equal(run.sources[0]!.head.toString(), A);
    assert.equal(looksBinary(run.sources[0]!.head), false);
    assert.equal(run.sources[1]!.path, 'binary.dat');
    assert.equal(looksBinary(run.sources[1]!.head), true);
  });

  it('delivers the lines before a gzip truncation, then fails naming the file, then goes on', async () => {
    const run = await open([p('truncated.log.gz'), p('after.log')]);
    const [cut, next] = run.sources;
    assert.equal(cut!.path, 'truncated.log.gz');
    assert.equal(cut!.error, 'truncated.log.gz: gzip data is truncated (unexpected end of file)');
    const lines = cut!.text.split('\n');
    assert.ok(lines.length > 1000, `got ${lines.length} lines before the cut`);
    assert.ok(numberedLines(20_000).startsWith(cut!.text), 'what came through is intact');
    assert.deepEqual([next!.path, next!.text], ['after.log', 'after\n']);
    assert.deepEqual(run.warnings, []);
  });

  it('warns instead of offering nothing when a gzip breaks before its first byte of content', async () => {
    const run = await open([p('tiny-truncated.gz'), p('after.log')]);
    assert.deepEqual(run.warnings, [{ file: 'tiny-truncated.gz', message: 'gzip data is truncated (unexpected end of file)' }]);
    assert.deepEqual(listing(run), [['after.log', 'after\n']]);
  });

  it('offers a short truncated gzip with what came out of it before failing', async () => {
    const run = await open([p('short-truncated.gz')]);
    assert.deepEqual(run.sources, [{ path: 'short-truncated.gz', text: '2024-01-02 00:00:00 UTC', head: Buffer.from('2024-01-02 00:00:00 UTC'), error: 'short-truncated.gz: gzip data is truncated (unexpected end of file)' }]);
    assert.deepEqual(run.warnings, []);
  });

  it('opens nesting up to 4 deep and refuses deeper', async () => {
    const run = await open([p('four-deep.gz'), p('five-deep.gz')]);
    assert.deepEqual(listing(run), [['four-deep.gz', B]]);
    assert.deepEqual(run.warnings, [{ file: 'five-deep.gz', message: 'archives nested more than 4 deep; not opened' }]);
  });

  it('names formats it cannot open', async () => {
    const run = await open([p('x.log.xz')]);
    assert.deepEqual(run.sources, []);
    assert.deepEqual(run.warnings, [{ file: 'x.log.xz', message: 'xz-compressed data is not supported; decompress it first (xz -d)' }]);
  });
});

describe('openInputs: tar', { timeout: 60_000 }, () => {
  const members = (archive: string): Array<[string, string]> => [
    [`${archive}!/pg_log/a.log`, A],
    [`${archive}!/pg_log/b.log.gz`, B],
    [`${archive}!/inner.tar!/c.log`, 'c\n'],
    [`${archive}!/bundle/logs.zip!/pg_log/b.log.gz`, B],
    [`${archive}!/bundle/logs.zip!/pg_log/a.log`, A],
  ];

  it('lists regular members in archive order, opening nested gzip, tar and zip', async () => {
    const run = await open([p('logs.tar')]);
    assert.deepEqual(listing(run), members('logs.tar'));
    assert.deepEqual(run.warnings, []);
  });

  it('reads .tgz and .tar.bz2 the same way', async () => {
    const tgz = await open([p('logs.tgz')]);
    assert.deepEqual(listing(tgz), members('logs.tgz'));
    const bz = await open([p('logs.tar.bz2')]);
    assert.deepEqual(listing(bz), [['logs.tar.bz2!/pg_log/a.log', A], ['logs.tar.bz2!/pg_log/b.log.gz', B]]);
    assert.deepEqual([...tgz.warnings, ...bz.warnings], []);
  });

  it('skips what the consumer leaves unread, so the next member is intact', async () => {
    const read = async (source: { stream: Readable }, index: number): Promise<string | undefined> => {
      if (index === 0) {
        for await (const chunk of source.stream) return (chunk as Buffer).subarray(0, 10).toString(); // one chunk, then abandon
      }
      if (index === 1) return undefined; // never touched
      return readAll(source.stream);
    };
    const run = await open([p('two.tgz'), p('logs.tar')], { read });
    assert.deepEqual(run.sources.map((s) => s.path), ['two.tgz!/big.log', 'two.tgz!/next.log', ...members('logs.tar').map(([path]) => path)]);
    assert.equal(run.sources[0]!.text, '2024-01-01');
    assert.deepEqual(listing(run).slice(2), members('logs.tar'));
    assert.deepEqual(run.warnings, []);
  });

  const truncations: Array<[string, string]> = [
    ['truncated.tgz', 'gzip data is truncated (unexpected end of file)'],
    ['truncated.tar', 'tar archive is truncated (Unexpected end of data)'],
  ];
  for (const [name, reason] of truncations) {
    it(`${name}: the member in progress fails naming itself and the archive, the rest is reported lost`, async () => {
      const run = await open([p(name), p('after.log')]);
      const [cut, next] = run.sources;
      assert.equal(cut!.path, `${name}!/big.log`);
      assert.equal(cut!.error, `${name}!/big.log: in ${name}: ${reason}`);
      assert.ok(cut!.text.length > 1000 && numberedLines(20_000).startsWith(cut!.text));
      assert.deepEqual(run.warnings, [{ file: name, message: `stopped reading the archive after big.log: ${reason}` }]);
      assert.deepEqual([next!.path, next!.text], ['after.log', 'after\n']);
    });
  }
});

describe('openInputs: zip and bzip2', { timeout: 60_000 }, () => {
  it('reads zip members through the central directory, skipping folders, symlinks and hidden files', async () => {
    const run = await open([p('logs.zip')]);
    assert.deepEqual(listing(run), [['logs.zip!/pg_log/b.log.gz', B], ['logs.zip!/pg_log/a.log', A]]);
    assert.deepEqual(run.warnings, []);
  });

  it('warns about a member it cannot decompress and reads the others', async () => {
    const run = await open([p('methods.zip')]);
    assert.deepEqual(listing(run), [['methods.zip!/ok.log', 'ok member\n']]);
    assert.deepEqual(run.warnings, [{ file: 'methods.zip!/bz.log', message: 'cannot read this member (unsupported compression method: 12)' }]);
  });

  it('warns about a truncated zip and goes on', async () => {
    const run = await open([p('truncated.zip'), p('after.log')]);
    assert.deepEqual(listing(run), [['after.log', 'after\n']]);
    assert.deepEqual(run.warnings, [{ file: 'truncated.zip', message: 'zip archive is truncated (End of central directory record signature not found. Either not a zip file, or file is truncated.)' }]);
  });

  it('reports a corrupt member by name, and still reads the other members', async () => {
    const run = await open([p('bad-member.zip')]);
    assert.deepEqual(listing(run), [['bad-member.zip!/pg_log/b.log.gz', B]]);
    assert.deepEqual(run.warnings, [{ file: 'bad-member.zip!/pg_log/a.log', message: 'zip member is corrupt (invalid block type)' }]);
  });

  it('reads bzip2, including several concatenated streams', async () => {
    const run = await open([p('multi.log.bz2')]);
    assert.deepEqual(listing(run), [['multi.log.bz2', 'one\ntwo\n']]);
  });
});

describe('openInputs: stdin, missing paths, progress', { timeout: 60_000 }, () => {
  it('reads an injected stdin, decompressing it too', async () => {
    const run = await open(['-', p('after.log')], { stdin: Readable.from([gzipSync(A)]) });
    assert.deepEqual(listing(run), [['<stdin>', A], ['after.log', 'after\n']]);
  });

  it('opens a zip piped to stdin by spooling it to a temporary file', async () => {
    const run = await open(['-'], { stdin: Readable.from([await readFile(fixture('logs.zip'))]) });
    assert.deepEqual(listing(run), [['<stdin>!/pg_log/b.log.gz', B], ['<stdin>!/pg_log/a.log', A]]);
  });

  it('refuses a terminal as stdin', async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    const run = await open(['-'], { stdin: terminal });
    assert.deepEqual(run.sources, []);
    assert.equal(run.warnings[0]?.file, '<stdin>');
    assert.match(run.warnings[0]?.message ?? '', /terminal/);
  });

  it('reads the real process stdin when piped', async () => {
    const module = new URL('../../src/input/open-inputs.js', import.meta.url).href;
    const script = `
      const { openInputs } = await import(${JSON.stringify(module)});
      for await (const s of openInputs(['-'], { warn: (w) => console.log('warn', w.message), rawBytes() {} })) {
        let text = ''; for await (const c of s.stream) text += c;
        console.log(s.path, JSON.stringify(text));
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(gzipSync(B));
    const output = await readAll(child.stdout);
    assert.equal(output, `<stdin> ${JSON.stringify(B)}\n`);
  });

  it('warns about a missing path and goes on', async () => {
    const run = await open([p('missing.log'), p('after.log')]);
    assert.deepEqual(run.warnings, [{ file: 'missing.log', message: 'no such file or directory' }]);
    assert.deepEqual(listing(run), [['after.log', 'after\n']]);
  });

  it('reports raw bytes adding up to totalInputBytes, whatever happened to each input', async () => {
    const args = ['plain.log', 'big.log', 'logs.tgz', 'logs.zip', 'methods.zip', 'truncated.tgz', 'truncated.zip', 'x.log.xz', 'missing.log'].map(p);
    // big.log (more than one read) is abandoned after its first chunk
    const read = async (source: { path: string; stream: Readable }): Promise<string> => {
      if (!source.path.endsWith('big.log')) return readAll(source.stream);
      for await (const chunk of source.stream) return String((chunk as Buffer).length);
      return '';
    };
    const run = await collectInputs(args, { read });
    assert.ok(Number(run.sources[1]!.text) < 4_000_000, 'big.log was not read to the end');
    const total = await totalInputBytes(args);
    assert.ok(total > 1000);
    assert.equal(run.rawBytes, total);
  });

  it('lets the consumer stop early without hanging', async () => {
    const seen: string[] = [];
    for await (const source of openInputs([p('logs.tar'), p('plain.log')], { warn: () => {}, rawBytes: () => {} })) {
      seen.push(relative(tree.dir, source.path.split('!')[0]!));
      break;
    }
    assert.deepEqual(seen, ['logs.tar']);
  });
});
