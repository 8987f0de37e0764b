/**
 * Real sample logs damaged at random (seeded: test/helpers/mutate-log.ts) must still
 * ingest without an internal error, account for every line of the file, and leave a
 * store every read command can work on. A fuzzer of this kind found blank lines that
 * csvlog and jsonlog dropped from the accounting.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { blockersCommand } from '../../src/commands/blockers.js';
import { deadlocksCommand } from '../../src/commands/deadlocks.js';
import { doctorCommand } from '../../src/commands/doctor.js';
import { incidentsCommand } from '../../src/commands/incidents.js';
import { locksCommand } from '../../src/commands/locks.js';
import { reportCommand } from '../../src/commands/report.js';
import { timelineCommand } from '../../src/commands/timeline.js';
import { mutateLog } from '../helpers/mutate-log.js';
import { cloudNativePgLines, wrapLines } from '../helpers/container-wrap.js';
import { lineAccounting, runIngest, tempDir } from '../helpers/run-ingest.js';

const SAMPLES = [
  'samples/run-main/01-deadlock-2proc.log', 'samples/run-main/02-deadlock-3proc.csv', 'samples/run-main/03-lock-waits.json',
  'samples/run-main/03-lock-waits.log', 'samples/run-main/09-crash-recovery.csv', 'samples/run-main/06-slow-statements.json',
  'samples/syslog/postgresql.log', 'samples/prefixes/04-rds.log', 'samples/timezone/europe-paris.csv', 'samples/off-outage/postgresql.json',
];

const linesOf = (path: string): string[] => readFileSync(path, 'utf8').split('\n').slice(0, -1);
const text = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join('\n')}\n`);

/** Samples in the shapes containers leave them: runtimes' records (cut lines too) and CloudNativePG's lines. */
const WRAPPED: Array<{ name: string; content: Buffer }> = [
  { name: 'cri(03-lock-waits.log, cut at 60)', content: text(wrapLines(linesOf('samples/run-main/03-lock-waits.log'), 'cri', { cutAt: 60, stdoutBetweenPieces: true })) },
  { name: 'docker-json(06-slow-statements.log, cut at 90)', content: text(wrapLines(linesOf('samples/run-main/06-slow-statements.log'), 'docker-json', { cutAt: 90 })) },
  { name: 'cloudnative-pg(02-deadlock-3proc.csv)', content: text(cloudNativePgLines(linesOf('samples/run-main/02-deadlock-3proc.csv'))) },
  { name: 'timestamps(cloudnative-pg(08-app-errors.csv))', content: text(wrapLines(cloudNativePgLines(linesOf('samples/run-main/08-app-errors.csv')), 'timestamps')) },
];

const SOURCES = [...SAMPLES.map((sample) => ({ name: sample, content: readFileSync(sample) })), ...WRAPPED];

/** Each sample lightly (a few edits) and heavily (forty) damaged. */
const CASES = SOURCES.flatMap((source, i) => [
  { source, seed: 101 + i, edits: 4 },
  { source, seed: 211 + i, edits: 40 },
]);

for (const { source, seed, edits } of CASES) {
  test(`${source.name} with ${edits} random edits (seed ${seed}): every line accounted for, every command runs`, async () => {
    const dir = tempDir();
    const log = join(dir, 'damaged.log');
    const damaged = mutateLog(source.content, seed, edits);
    writeFileSync(log, damaged);
    const dbPath = join(dir, 'store.db');
    const { stderr, summary, db } = await runIngest([log], { dbPath });
    for (const line of stderr.split('\n')) assert.doesNotMatch(line, /^\s+at |Error:/, 'no internal error');
    assert.equal(summary.failed, 0);
    const [file] = lineAccounting(db);
    db.close();
    assert.ok(file, 'the file is stored');
    assert.equal(file.lines, damaged.toString('latin1').split('\n').length - (damaged.at(-1) === 10 ? 1 : 0), 'every line counted');
    assert.equal(file.covered, file.lines, 'every line in an entry or unparsed');
    const out = new PassThrough();
    out.resume();
    deadlocksCommand({ db: dbPath, json: true }, out);
    locksCommand({ db: dbPath, limit: 50, json: false }, out);
    blockersCommand({ db: dbPath, json: false }, out);
    timelineCommand({ db: dbPath, json: false }, out);
    incidentsCommand({ db: dbPath, json: false }, out);
    doctorCommand({ db: dbPath, json: false }, out);
    for (const format of ['md', 'html'] as const) reportCommand({ db: dbPath, format, redact: false }, out);
  });
}
