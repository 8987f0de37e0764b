/**
 * A reader that stops early (`pgautopsy … | head`) closes stdout while a command still
 * writes: the command must end quietly with its own exit code, not print Node's unhandled
 * EPIPE error with a stack trace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runIngest, tempDir } from '../helpers/run-ingest.js';

const cli = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
const dbPath = join(tempDir(), 'store.db');
(await runIngest(['samples/off-outage/postgresql.log'], { dbPath })).db.close();

/** Each command prints far more than a pipe holds (64 kB), so its later writes meet the closed pipe. */
const CASES: Array<{ name: string; args: string[] }> = [
  { name: 'deadlocks --json', args: ['deadlocks', '--json', '--db', dbPath] },
  { name: 'sql with many rows', args: ['sql', '--db', dbPath, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c'] },
  { name: 'sql --json of every entry', args: ['sql', '--json', '--db', dbPath, 'SELECT * FROM entries'] },
];

function firstChunkThenClose(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

for (const c of CASES) {
  test(`stdout closed by its reader: ${c.name} ends quietly`, async () => {
    const { code, stderr } = await firstChunkThenClose(c.args);
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at |internal error/);
  });
}
