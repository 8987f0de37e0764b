/**
 * On a large store, the ingest's derive pass has the ingest thread shape the statement
 * lines (entry-batches.ts) instead of the writer: the statement tables must not tell.
 * The size from which it does is lowered here so that a sample shows it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ingestSource } from '../../src/ingest/ingest-source.js';
import { openInputs } from '../../src/input/open-inputs.js';
import { createStoreWriter } from '../../src/store/store-writer.js';
import { removeDir, tempDir } from '../helpers/run-ingest.js';

const SAMPLES = ['samples/off-outage/postgresql.log', 'samples/run-main/02-deadlock-3proc.log'];
const TABLES = ['statement_rows', 'statement_variants', 'statement_shapes', 'statement_buckets'];

async function ingest(path: string, shapeAheadFromBytes: number): Promise<{ shapedAhead: number; tables: Record<string, unknown[]> }> {
  const writer = await createStoreWriter(path, { shapeAheadFromBytes });
  let shapedAhead = NaN;
  try {
    for await (const source of openInputs(SAMPLES, { warn: () => undefined, rawBytes: () => undefined })) {
      await ingestSource(source.path, source.stream, writer, { format: 'auto', force: false }, { warn: () => undefined, entries: () => undefined });
    }
  } finally {
    shapedAhead = (await writer.close()).statements_shaped_ahead;
  }
  const db = new Database(path, { readonly: true });
  const tables = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all()]));
  db.close();
  return { shapedAhead, tables };
}

test('the statement tables are the same whichever thread shapes the statement lines', async () => {
  const dir = tempDir();
  try {
    const byWriter = await ingest(join(dir, 'writer.db'), Infinity);
    const ahead = await ingest(join(dir, 'ahead.db'), 0);
    assert.equal(byWriter.shapedAhead, 0);
    assert.ok(ahead.shapedAhead > 100, `${ahead.shapedAhead} statement lines shaped ahead`);
    assert.ok((byWriter.tables.statement_rows?.length ?? 0) >= ahead.shapedAhead);
    assert.deepEqual(ahead.tables, byWriter.tables);
  } finally {
    removeDir(dir);
  }
});
