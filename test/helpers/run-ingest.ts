/** Runs the ingest command in-process against a temporary store, capturing what it prints. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { ingestCommand, type IngestOptions, type IngestSummary } from '../../src/commands/ingest.js';

export interface IngestRun {
  summary: IngestSummary;
  stdout: string;
  stderr: string;
  db: Database.Database;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * The temporary folders made by this test file, removed when its process exits (node
 * --test runs each file in a process of its own): a store per test, left behind, once
 * added up to 400 MB per run of the suite.
 */
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgautopsy-test-'));
  made.push(dir);
  return dir;
}

export async function runIngest(
  inputs: string[],
  options: Partial<IngestOptions> & { dbPath?: string; stdin?: string | Buffer } = {},
): Promise<IngestRun> {
  const dbPath = options.dbPath ?? join(tempDir(), 'store.db');
  const out = collect();
  const err = collect();
  const { stdin, dbPath: _unused, ...rest } = options;
  const summary = await ingestCommand(inputs, { db: dbPath, format: 'auto', quiet: true, json: false, force: false, ...rest }, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]),
  });
  return { summary, stdout: out.text(), stderr: err.text(), db: new Database(dbPath, { readonly: true }) };
}

/** A store of a hand-written stderr log (its lines, in order): its path, closed. */
export async function storeOfLines(lines: readonly string[]): Promise<string> {
  const log = join(tempDir(), 'postgresql.log');
  writeFileSync(log, `${lines.join('\n')}\n`);
  const run = await runIngest([log]);
  run.db.close();
  return run.db.name;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** files.lines = sum(entries.line_count) + count(unparsed), per file. */
export function lineAccounting(db: Database.Database): Array<{ path: string; lines: number; covered: number }> {
  return db
    .prepare(
      `SELECT f.path, f.lines,
              (SELECT coalesce(sum(line_count), 0) FROM entries e WHERE e.file_id = f.id)
            + (SELECT count(*) FROM unparsed u WHERE u.file_id = f.id) AS covered
         FROM files f ORDER BY f.path`,
    )
    .all() as Array<{ path: string; lines: number; covered: number }>;
}

/** A copy of the store at `from` (one file at rest), with `drop` run on it: a store as an older version left it. */
export function copyWithout(from: string, to: string, drop: string): void {
  copyFileSync(from, to);
  const copy = new Database(to);
  copy.exec(drop);
  copy.close();
}

/**
 * `inputs` ingested into `dir`/store.db, and a copy, `dir`/plain.db, with `drop` run on it
 * (the summary tables dropped, so that readers take their way through the entries);
 * both opened read-only.
 */
export async function storeWithAndWithout(inputs: string[], drop: string): Promise<{ dir: string; withTable: Database.Database; without: Database.Database }> {
  const dir = tempDir();
  const run = await runIngest(inputs, { dbPath: join(dir, 'store.db') });
  run.db.close();
  copyWithout(join(dir, 'store.db'), join(dir, 'plain.db'), drop);
  return { dir, withTable: new Database(join(dir, 'store.db'), { readonly: true }), without: new Database(join(dir, 'plain.db'), { readonly: true }) };
}
