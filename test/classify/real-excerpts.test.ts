/**
 * Kinds the PostgreSQL 15 we can run cannot produce (18's connection timings, 17's
 * transaction_timeout, wraparound, removed WAL, invalidated slots), checked against
 * lines that real servers wrote: excerpts people pasted in public issues or committed
 * to public repositories. test/fixtures/classify/real-excerpts/README.md names the
 * source of every line; the lines are verbatim, prefix included.
 *
 * Each line goes through the real pipeline: its log_line_prefix is inferred from the
 * line itself, the stderr parser builds the entry, and classify() names it.
 *
 * lock_wait_failed has no fixture: no real "process N failed to acquire … after … ms"
 * line could be found (PostgreSQL only prints it when something other than the deadlock
 * checker kicks a waiter off a lock, which in practice does not happen).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../../src/classify/classify.js';
import { isKind } from '../../src/classify/kinds.js';
import { inferPrefix } from '../../src/parse/prefix-inference.js';
import { createStderrParser } from '../../src/parse/stderr-parser.js';
import { createTimestampConverter } from '../../src/parse/timestamp.js';
import type { LogEntry, UnparsedLine } from '../../src/parse/log-entry.js';

const dir = fileURLToPath(new URL('../../../test/fixtures/classify/real-excerpts/', import.meta.url));

/** The fixtures this test expects; a missing or extra file fails the test. */
const KINDS = [
  'connection_ready',
  'slot_invalidated',
  'transaction_timeout',
  'wal_removed',
  'wraparound_stop',
  'wraparound_warning',
];

function fixtureLines(kind: string): string[] {
  return readFileSync(`${dir}${kind}.log`, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/** One real line through prefix inference and the stderr parser. */
function parseLine(line: string): LogEntry {
  const inference = inferPrefix([line]);
  assert.ok(inference, `no log_line_prefix inferred for: ${line}`);
  const entries: LogEntry[] = [];
  const unparsed: UnparsedLine[] = [];
  const parser = createStderrParser(
    { entry: (e) => entries.push(e), unparsed: (u) => unparsed.push(u), warn: () => undefined },
    { pattern: inference.pattern, time: createTimestampConverter() },
  );
  parser.push(line, 1);
  parser.flush();
  assert.deepEqual(unparsed, [], `prefix ${JSON.stringify(inference.prefix)} left the line unparsed: ${line}`);
  assert.equal(entries.length, 1, `prefix ${JSON.stringify(inference.prefix)}: ${line}`);
  return entries[0]!;
}

test('real excerpts: one fixture per kind listed, each a known kind', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => f.slice(0, -'.log'.length)).sort();
  assert.deepEqual(files, [...KINDS].sort());
  for (const kind of KINDS) assert.ok(isKind(kind), `${kind} is not a kind`);
});

for (const kind of KINDS) {
  test(`real excerpts: ${kind}`, () => {
    const lines = fixtureLines(kind);
    assert.ok(lines.length > 0, `${kind}.log is empty`);
    for (const line of lines) {
      const entry = parseLine(line);
      // The prefix was really stripped: the level word is the line's and the message is all
      // of the text after it (less a verbose-mode SQLSTATE). Which prefix fields came out is
      // prefix inference's business, not this test's.
      const level = line.indexOf(`${entry.severity}:  `);
      assert.ok(level > 0, `severity ${entry.severity} is not the line's: ${line}`);
      const rest = line.slice(level + entry.severity.length + 3).replace(/^[0-9A-Z]{5}: /, '');
      assert.equal(entry.message, rest);
      assert.equal(classify(entry).kind, kind, `${entry.severity}: ${entry.message}`);
    }
  });
}
