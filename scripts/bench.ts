/**
 * `npm run bench`: ingest throughput and peak memory on a large, realistic log.
 *
 * The input is built from a real pgbench run (samples/bench-seed/pgbench.log.gz,
 * log_min_duration_statement = 0), repeated with shifted timestamps and pids until
 * it reaches the target size, and cached in bench-data/. Two sizes are measured so
 * that "memory stays flat" is a figure, not a hope. Targets are printed next to the
 * figures; nothing here fails a build.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestSummary } from '../src/commands/ingest.js';
import type { ThreadCpu } from '../src/store/store-writer.js';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sqliteFloor } from './sqlite-floor.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seed = join(root, 'samples/bench-seed/pgbench.log.gz');
const dataDir = join(root, 'bench-data');
const MB = 1_000_000;
const TARGET_MBPS = 80;
const TARGET_RSS_MB = 300;
const TARGET_END_TO_END_MBPS = 60;

async function readSeed(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(seed).pipe(createGunzip())) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.length > 0);
}

const TS = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC \[(\d+)\]/;

/** Repeats the seed, each copy later in time and with other pids, so the log stays plausible. */
async function buildInput(path: string, bytes: number): Promise<void> {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const lines = await readSeed();
  const first = TS.exec(lines[0]!);
  const last = TS.exec(lines.findLast((l) => TS.test(l))!);
  if (!first || !last) throw new Error(`${seed}: unexpected line format`);
  const span = Date.parse(`${last[1]!.replace(' ', 'T')}Z`) - Date.parse(`${first[1]!.replace(' ', 'T')}Z`) + 1000;
  const out = createWriteStream(path);
  let written = 0;
  for (let copy = 0; written < bytes; copy++) {
    const shift = copy * span;
    const pidShift = (copy * 7919) % 400_000;
    let buffer = '';
    for (const line of lines) {
      const m = TS.exec(line);
      const shifted = m
        ? `${new Date(Date.parse(`${m[1]!.replace(' ', 'T')}Z`) + shift).toISOString().replace('T', ' ').replace('Z', '')} UTC [${Number(m[2]) + pidShift}]${line.slice(m[0].length)}`
        : line;
      buffer += `${shifted}\n`;
      if (buffer.length > 1 << 20) {
        written += buffer.length;
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    written += buffer.length;
    out.write(buffer);
  }
  out.end();
  await once(out, 'finish');
}

/** What bench-child prints: the ingest's timings (a NaN, where the system does not tell a thread's time, arrives as null). */
type Run = { seconds: number; maxRssMb: number; entries: number } & IngestSummary['timings'];

/** `ingest thread / writer thread` CPU seconds of a stage ('?' where the system does not tell). */
function byThread(run: Run, stage: keyof ThreadCpu): string {
  const s = (v: number | null): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : '?');
  return `${s(run.ingest_thread[stage])} / ${s(run.writer_thread[stage])} s`;
}

const benchStore = join(dataDir, 'bench.db');

/**
 * `npm run bench -- --runs N`: each size ingested N times (default 1). On a shared
 * 2-core machine one run can be 25 % off the next; the table then shows each figure's
 * median (peak RSS: the highest), and a line per size gives the spread.
 */
function runsWanted(): number {
  const at = process.argv.indexOf('--runs');
  if (at < 0) return 1;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--runs takes a whole number of runs, not '${process.argv[at + 1] ?? ''}'`);
  return n;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A thread's CPU seconds per stage: the median of the runs that tell it (NaN where none does). */
function medianThread(threads: readonly ThreadCpu[]): ThreadCpu {
  const of = (stage: keyof ThreadCpu): number => {
    const known = threads.map((t) => t[stage]).filter((v): v is number => typeof v === 'number');
    return known.length > 0 ? median(known) : NaN;
  };
  return { ingest_s: of('ingest_s'), index_s: of('index_s'), derive_s: of('derive_s') };
}

/** The runs as one: each figure's median, and the highest peak RSS (the memory target is a ceiling). */
function medianRun(runs: readonly Run[]): Run {
  const of = (pick: (r: Run) => number): number => median(runs.map(pick));
  return {
    ...runs[0]!,
    seconds: of((r) => r.seconds), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    ingest_s: of((r) => r.ingest_s), index_s: of((r) => r.index_s), derive_s: of((r) => r.derive_s),
    ingest_cpu_s: of((r) => r.ingest_cpu_s), index_cpu_s: of((r) => r.index_cpu_s), derive_cpu_s: of((r) => r.derive_cpu_s),
    ingest_thread: medianThread(runs.map((r) => r.ingest_thread)),
    writer_thread: medianThread(runs.map((r) => r.writer_thread)),
  };
}

function ingest(input: string): Run {
  const db = benchStore;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const child = spawnSync(process.execPath, [join(root, 'dist/scripts/bench-child.js'), input, db], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`ingest failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Run;
}

async function main(): Promise<void> {
  if (!existsSync(seed)) throw new Error(`${seed} is missing: run 'npm run samples' on a machine with PostgreSQL`);
  mkdirSync(dataDir, { recursive: true });
  const sizes = [100 * MB, 320 * MB];
  const runs = runsWanted();
  const verdicts: string[] = [];
  const spreadLines: string[] = [];
  const cpuLines: string[] = [];
  const threadLines: string[] = [];
  const floorLines: string[] = [];
  console.log('pgautopsy bench: ingest of a real pgbench log replicated to size (log_min_duration_statement = 0)');
  console.log(`targets: parse + store >= ${TARGET_MBPS} MB/s; parse + classify + fingerprint + store + derive >= ${TARGET_END_TO_END_MBPS} MB/s;`);
  console.log(`         peak RSS <= ${TARGET_RSS_MB} MB and flat in input size`);
  console.log(runs === 1 ? '' : `each size ingested ${runs} times: the medians (peak RSS: the highest)\n`);
  console.log('input        size    entries  parse+store       +index   +derive   end to end        peak RSS');
  for (const size of sizes) {
    const input = join(dataDir, `pgbench-${size / MB}MB.log`);
    await buildInput(input, size);
    const mb = statSync(input).size / MB;
    const all = Array.from({ length: runs }, () => ingest(input));
    const run = medianRun(all);
    const rate = (seconds: number) => `${(mb / seconds).toFixed(1)} MB/s`;
    const range = (pick: (r: Run) => number): string => {
      const rates = all.map((r) => mb / pick(r));
      return `${Math.min(...rates).toFixed(1)}-${Math.max(...rates).toFixed(1)} MB/s`;
    };
    spreadLines.push(`${`${size / MB} MB log`.padEnd(10)}  parse+store ${range((r) => r.ingest_s)}, end to end ${range((r) => r.seconds)}`);
    console.log(
      `${`${size / MB} MB log`.padEnd(10)} ${`${mb.toFixed(0)} MB`.padStart(7)} ${String(run.entries).padStart(10)}  ` +
        `${run.ingest_s.toFixed(1).padStart(5)} s ${rate(run.ingest_s).padStart(11)}  ${run.index_s.toFixed(1).padStart(5)} s ${run.derive_s.toFixed(1).padStart(7)} s  ` +
        `${run.seconds.toFixed(1).padStart(5)} s ${rate(run.seconds).padStart(11)}  ${`${run.maxRssMb.toFixed(0)} MB`.padStart(7)}`,
    );
    // CPU seconds of both threads: the work itself, whatever the overlap or the machine's other load.
    cpuLines.push(
      `${`${size / MB} MB log`.padEnd(10)}  parse+store ${run.ingest_cpu_s.toFixed(1)} s, index ${run.index_cpu_s.toFixed(1)} s, derive ${run.derive_cpu_s.toFixed(1)} s ` +
        `(${((run.ingest_cpu_s / run.entries) * 1e6).toFixed(2)} / ${((run.derive_cpu_s / run.entries) * 1e6).toFixed(2)} µs per entry)`,
    );
    threadLines.push(
      `${`${size / MB} MB log`.padEnd(10)}  parse+store ${byThread(run, 'ingest_s')}, index ${byThread(run, 'index_s')}, derive ${byThread(run, 'derive_s')}`,
    );
    // SQLite's share alone, on the rows the last run stored: the least any ingest of this log can cost here.
    const floor = sqliteFloor(benchStore);
    const floorCpu = floor.reduce((sum, step) => sum + step.cpu_s, 0);
    floorLines.push(
      `${`${size / MB} MB log`.padEnd(10)}  ${floor.map((step) => `${step.label} ${step.cpu_s.toFixed(1)} s`).join(', ')}: ${floorCpu.toFixed(1)} s, ` +
        `so at best ${rate(floorCpu / availableParallelism())} end to end on ${availableParallelism()} cores`,
    );
    verdicts.push(
      `${size / MB} MB: parse+store ${mb / run.ingest_s >= TARGET_MBPS ? 'meets' : 'BELOW'} its target, end to end ${mb / run.seconds >= TARGET_END_TO_END_MBPS ? 'meets' : 'BELOW'} its target, memory ${run.maxRssMb <= TARGET_RSS_MB ? 'within' : 'ABOVE'} its target`,
    );
  }
  if (runs > 1) console.log(`\nFrom the slowest to the fastest of the ${runs} runs:\n${spreadLines.join('\n')}`);
  console.log(`\nCPU time, both threads together (and V8's helper threads):\n${cpuLines.join('\n')}`);
  // The thread busy all along a stage bounds it; the other one is where work can move to.
  console.log(`\nCPU time of each thread, ingest thread / writer thread:\n${threadLines.join('\n')}`);
  console.log(`\nCPU time of SQLite alone storing the same rows (copied with INSERT … SELECT, no JavaScript):\n${floorLines.join('\n')}`);
  console.log(`\n${verdicts.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 1;
});
