/** Test helpers: run openInputs over real files and record everything it does. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { Warning } from '../../src/parse/log-entry.js';
import { InputError } from '../../src/input/input-error.js';
import { openInputs, type InputSource } from '../../src/input/open-inputs.js';

export interface Collected {
  path: string;
  text: string;
  head: Buffer;
  /** The stream's InputError message, if it failed. */
  error?: string;
}

export interface Run {
  sources: Collected[];
  warnings: Warning[];
  rawBytes: number;
}

/**
 * Opens `args` and reads every source to the end (or hands it to `read`, which
 * may stop early). Asserts the contract: a stream fails only with an InputError
 * named after the source.
 */
export async function collectInputs(
  args: readonly string[],
  options: { stdin?: Readable; read?: (source: InputSource, index: number) => Promise<string | undefined> } = {},
): Promise<Run> {
  const run: Run = { sources: [], warnings: [], rawBytes: 0 };
  const hooks = { warn: (w: Warning) => void run.warnings.push(w), rawBytes: (n: number) => void (run.rawBytes += n) };
  for await (const source of openInputs(args, hooks, options.stdin)) {
    const collected: Collected = { path: source.path, text: '', head: source.head };
    const chunks: Buffer[] = [];
    try {
      if (options.read) {
        collected.text = (await options.read(source, run.sources.length)) ?? '';
      } else {
        for await (const chunk of source.stream) chunks.push(chunk as Buffer);
      }
    } catch (err) {
      assert.ok(err instanceof InputError, `stream errors are InputErrors, got ${String(err)}`);
      assert.equal(err.path, source.path);
      collected.error = err.message;
    }
    if (!options.read) collected.text = Buffer.concat(chunks).toString('utf8');
    run.sources.push(collected);
  }
  return run;
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A temporary folder with `files` written into it; paths may contain `/`. */
export async function tempTree(files: Record<string, string | Buffer>): Promise<{ dir: string; path(p: string): string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pgautopsy-input-test-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return { dir, path: (p) => join(dir, p), remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

/** A tar archive built with tar-stream's packer. */
export async function tarOf(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const out = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of pack) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', ...(e.linkname !== undefined && { linkname: e.linkname }) };
    await new Promise<void>((resolve, reject) => {
      pack.entry(header, e.content ?? '', (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  return out;
}

/** `count` numbered log lines: easy to check that a prefix of them came through intact. */
export function numberedLines(count: number, label = 'line'): string {
  let text = '';
  for (let i = 1; i <= count; i++) text += `2024-01-01 00:00:00 UTC [${i}] LOG:  ${label} ${i}\n`;
  return text;
}

export const FIXTURES = new URL('../../../test/fixtures/input/', import.meta.url);
export const fixture = (name: string): string => new URL(name, FIXTURES).pathname;
