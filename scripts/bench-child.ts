/** Runs one ingest in a fresh process and prints its time and peak RSS as JSON (used by bench.ts). */
import { PassThrough } from 'node:stream';
import { ingestCommand } from '../src/commands/ingest.js';

const [input, db] = process.argv.slice(2);
if (!input || !db) throw new Error('usage: bench-child <input> <db>');
const started = process.hrtime.bigint();
const sink = new PassThrough();
sink.resume();
const summary = await ingestCommand([input], { db, format: 'auto', quiet: true, json: true, force: true }, {
  stdout: sink,
  stderr: process.stderr,
  stdin: process.stdin,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ seconds, maxRssMb, entries: summary.entries, ...summary.timings }));
