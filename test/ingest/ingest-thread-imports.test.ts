/**
 * The ingest thread loads PostgreSQL's parser (WASM, 10-30 MB resident once loaded) only
 * for the derive pass of a large store, whose statement lines it then shapes ahead of
 * the writer (entry-batches.ts): loading the ingest command must not pull it in. A value
 * import of the store core from the ingest side once did, through the derivers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

test('loading the ingest command does not load libpg-query', () => {
  const ingest = fileURLToPath(new URL('../../src/commands/ingest.js', import.meta.url));
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(ingest)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(loaded.filter((p) => p.includes('libpg-query'))));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), []);
});
