/**
 * compare on real server output: the OFF-style outage's quiet minute against its
 * lock pile-up, with the phase times the scenario script recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { runIngest } from '../helpers/run-ingest.js';
import { compareCommand, loadComparison } from '../../src/commands/compare.js';

interface Truth {
  phases: { steady: [string, string] };
  pile_up: { start: string; end: string };
}
const truth = JSON.parse(readFileSync('samples/off-outage/truth.json', 'utf8')) as Truth;
const steady = `${truth.phases.steady[0]}..${truth.phases.steady[1]}`;
const pileUp = `${truth.pile_up.start}..${truth.pile_up.end}`;

async function storeOf(inputs: string[]): Promise<string> {
  const run = await runIngest(inputs);
  run.db.close();
  return run.db.name;
}

test('off-outage: steady minute vs pile-up ranks lock-wait time, refusals and the incident-only statements first', async () => {
  const db = await storeOf(['samples/off-outage/postgresql.log']);
  const c = loadComparison({ db, baseline: steady, target: pileUp });
  const top = c.changes.slice(0, 10);
  const keys = top.map((x) => x.key);
  assert.ok(keys.includes('event:lock-wait time'), keys.join(', '));
  assert.ok(keys.includes('event:connection refusals'), keys.join(', '));
  const refusals = top.find((x) => x.key === 'event:connection refusals')!;
  assert.equal(refusals.kind, 'new');
  assert.ok(Math.abs(refusals.main.target! * c.target.minutes - 111) < 0.5, 'all 111 refusals fall in the pile-up');
  const timedOut = top.find((x) => x.group === 'statement' && x.kind === 'new' && x.main.measure === 'errors');
  assert.ok(timedOut, 'the product page SELECT that timed out behind the migration');
  assert.match(timedOut.subject, /FROM products/);
  const alter = c.changes.find((x) => x.group === 'statement' && /^ALTER TABLE products/.test(x.subject));
  assert.equal(alter?.kind, 'new', "the migration's ALTER TABLE, run once, is still listed");
  assert.ok(c.changes.every((x, i) => i === 0 || c.changes[i - 1]!.score >= x.score));

  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  compareCommand({ db, baseline: steady, target: pileUp, limit: 8, json: false, format: 'md' }, out);
  assert.match(text, /^## What changed/);
  assert.match(text, /\*\*new\*\*: connection refusals, not in the baseline's logs \(0 → 88\.\d\/min\)/);
});

test('two stores: a store is a period of its own; a window needs --db', async () => {
  const a = await storeOf(['samples/run-main/01-deadlock-2proc.log']);
  const b = await storeOf(['samples/run-main/04-connection-exhaustion.log']);
  const c = loadComparison({ baseline: a, target: b });
  assert.ok(c.baseline.minutes > 0 && c.target.minutes > 0);
  const gone = c.changes.find((x) => x.key === 'event:deadlocks');
  assert.equal(gone?.kind, 'gone');
  assert.throws(() => loadComparison({ baseline: steady, target: b }), /--baseline '.*' is a time window: name the store with --db/);
  assert.throws(() => loadComparison({ db: a, baseline: '2026-11-26T18:00Z..2026-11-26T17:00Z', target: b }), /ends before it starts/);
});
