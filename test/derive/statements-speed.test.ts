/**
 * The statements deriver sees every duration line of a log; a pgbench log at
 * log_min_duration_statement = 0 is almost nothing else (2.3 M of them in
 * 300 MB). Budget: under 1 µs an entry to shape a statement whose shape was
 * seen before (scan + cache hit). The figures are printed, never asserted (a
 * shared machine's timings say nothing about the code); what is asserted is
 * that the cache spares the parser: it runs once or twice per shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShaper } from '../../src/derive/statements/statement-shaper.js';
import { readStatementEntry } from '../../src/derive/statements/statement-entry.js';
import type { StoredEntry } from '../../src/derive/deriver.js';

/** The built-in TPC-B-like script with the literals pgbench draws. */
function pgbenchStatement(i: number): string {
  const aid = ((i * 7919) % 100_000) + 1;
  const delta = ((i * 31) % 10_001) - 5000;
  const tid = (i % 10) + 1;
  switch (i % 7) {
    case 0: return 'BEGIN;';
    case 1: return `UPDATE pgbench_accounts SET abalance = abalance + ${delta} WHERE aid = ${aid};`;
    case 2: return `SELECT abalance FROM pgbench_accounts WHERE aid = ${aid};`;
    case 3: return `UPDATE pgbench_tellers SET tbalance = tbalance + ${delta} WHERE tid = ${tid};`;
    case 4: return `UPDATE pgbench_branches SET bbalance = bbalance + ${delta} WHERE bid = 1;`;
    case 5: return `INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (${tid}, 1, ${aid}, ${delta}, CURRENT_TIMESTAMP);`;
    default: return 'END;';
  }
}

// Flat strings, as they come out of SQLite (a template literal is a rope until first read).
const flat = (s: string): string => Buffer.from(s).toString();

function entries(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: i + 1, file_id: 1, line_start: i + 1, ts: '2026-11-26T17:03:35.447Z', pid: 32700 + (i % 4), severity: 'LOG', sqlstate: null,
      message: flat(`duration: ${(i % 997) / 100} ms  statement: ${pgbenchStatement(i)}`), detail: null, hint: null, context: null,
      statement: null, internal_query: null, user_name: 'app', database_name: 'bench', application_name: 'pgbench', client: null,
      session_id: null, xid: null, vxid: null, backend_type: null, query_id: null, kind: 'duration', family: 'statement',
    });
  }
  return out;
}

const TOTAL = 2_000_000;

function nsPerEntry(run: (i: number) => void): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < TOTAL; i++) run(i);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / TOTAL);
  }
  return best;
}

const sample = entries(50_000);
const texts = sample.map((e) => readStatementEntry(e)!.text!);

test('shaping a repeated statement shape parses each shape once or twice', (t) => {
  const shaper = createShaper();
  const ns = nsPerEntry((i) => shaper.shape(texts[i % texts.length]!));
  t.diagnostic(`shape (scan + cache hit): ${(ns / 1000).toFixed(2)} µs/entry over ${TOTAL} pgbench statements, best of 3; parsed ${shaper.stats.parsed} times`);
  // Two parser calls per key: BEGIN, END, and each statement with a positive or a negative delta.
  assert.ok(shaper.stats.parsed <= 20, `${shaper.stats.parsed} parser calls`);
});

test('reading and shaping duration entries parses each shape once or twice', (t) => {
  const shaper = createShaper();
  const ns = nsPerEntry((i) => shaper.shape(readStatementEntry(sample[i % sample.length]!)!.text!));
  t.diagnostic(`readStatementEntry + shape: ${(ns / 1000).toFixed(2)} µs/entry over ${TOTAL} entries, best of 3; parsed ${shaper.stats.parsed} times`);
  assert.ok(shaper.stats.parsed <= 20, `${shaper.stats.parsed} parser calls`);
});
