/**
 * The ingest thread loads PostgreSQL's parser (WASM, 10-30 MB resident once loaded) only
 * for the derive pass of a large store, whose statement lines it then shapes ahead of
 * the writer (entry-batches.ts): loading the ingest command must not pull it in. A value
 * import of the store core from the ingest side once did, through the derivers. The
 * archive libraries are loaded when an archive comes (open-inputs.ts): yauzl's import
 * alone costs every command's start-up.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const LAZY = ['libpg-query', 'yauzl', 'tar-stream', 'unbzip2-stream'];

test('loading the ingest command loads neither libpg-query nor the archive libraries', () => {
  const ingest = fileURLToPath(new URL('../../src/commands/ingest.js', import.meta.url));
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(ingest)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(loaded.filter((p) => ${JSON.stringify(LAZY)}.some((name) => p.includes('/node_modules/' + name + '/')))));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), []);
});
