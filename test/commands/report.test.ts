import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { HOSTILE_LOG } from '../helpers/hostile-log.js';
import { reportCommand, type ReportOptions } from '../../src/commands/report.js';
import { loadBlockers } from '../../src/commands/blockers.js';
import { REPORT_DEADLOCKS, REPORT_TREES } from '../../src/report/build-postmortem.js';
import { loadDeadlocks } from '../../src/commands/deadlocks.js';
import Database from 'better-sqlite3';

function report(db: string, opts: Partial<ReportOptions>): string {
  const out = new PassThrough();
  out.resume();
  return reportCommand({ db, format: 'md', redact: false, ...opts }, out);
}

async function store(paths: string[]): Promise<string> {
  const run = await runIngest(paths);
  const path = run.db.name;
  run.db.close();
  return path;
}


test('HTML: log text is escaped everywhere, the file is self-contained', async () => {
  const dir = tempDir();
  const log = join(dir, 'hostile.log');
  writeFileSync(log, `${HOSTILE_LOG}\n`);
  const html = report(await store([log]), { format: 'html', from: '2026-11-26T09:59:00Z', to: '2026-11-26T10:01:00Z' });
  assert.doesNotMatch(html, /<script/i, 'no script element from log text');
  assert.doesNotMatch(html, /<\/pre><script/);
  assert.match(html, /&lt;script&gt;alert\(&quot;app&quot;\)&lt;\/script&gt;/, 'the application name is shown, as text');
  assert.match(html, /note = &#39;&lt;\/pre&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&#39;/, 'the query is shown, as text');
  assert.doesNotMatch(html, /(src|href)=["']?https?:/i, 'no external resource');
  assert.match(html, /^<!doctype html>/);
});

test('Markdown on the lock-wait scenario: summary, timeline with evidence, root cause, chains', async () => {
  const md = report(await store(['samples/run-main/03-lock-waits.log']), {});
  assert.match(md, /^# Postmortem/);
  assert.match(md, /## Summary[\s\S]*Impact: .*lock waits/);
  assert.match(md, /## Timeline \(UTC\)\n\n\| time \| event \| evidence \|/);
  assert.match(md, /`samples\/run-main\/03-lock-waits\.log:\d+` \(entry \d+\)/);
  assert.match(md, /### 1\. pid \d+ \(delayed_job\) held locks that 3 sessions waited/);
  assert.match(md, /rails_migration\) ALTER TABLE accounts/);
  assert.match(md, /## What the logs could not tell us/);
});

test('--redact removes literals from queries and messages but keeps the shape', async () => {
  const md = report(await store(['samples/run-main/03-lock-waits.log']), { redact: true });
  assert.doesNotMatch(md, /status = 'cancelled'/);
  assert.doesNotMatch(md, /WHERE id = 20\b/);
  assert.match(md, /UPDATE orders SET status = \$1 WHERE id = \$2/);
  assert.match(md, /Literals in queries are redacted/);
});

test('JSON: the histogram adds up to the counts', async () => {
  const json = JSON.parse(report(await store(['samples/off-outage/postgresql.log']), { format: 'json', from: '2026-11-26T17:51:00Z', to: '2026-11-26T17:55:00Z' })) as {
    histogram: Array<{ errors: number; refused: number; deadlocks: number }>;
    counts: { errors: number; fatals: number; panics: number; refused_connections: number; deadlocks: number };
  };
  const sum = (k: 'errors' | 'refused' | 'deadlocks') => json.histogram.reduce((n, b) => n + b[k], 0);
  assert.equal(sum('errors'), json.counts.errors + json.counts.fatals + json.counts.panics);
  assert.equal(sum('refused'), json.counts.refused_connections);
  assert.equal(sum('deadlocks'), json.counts.deadlocks);
  assert.ok(json.counts.deadlocks > 50);
});

test('a window of many blocking trees: the report holds the first of them, and says how many there are', async () => {
  const db = await store(['samples/off-outage/postgresql.log']);
  const { total } = loadBlockers({ db });
  assert.ok(total > REPORT_TREES, `${total} trees`);
  const json = JSON.parse(report(db, { format: 'json' })) as { blocking: unknown[]; blocking_total: number };
  assert.deepEqual({ held: json.blocking.length, total: json.blocking_total }, { held: REPORT_TREES, total });
  assert.match(report(db, {}), new RegExp(`…and ${total - 5} smaller trees`));
});

test('a window of many deadlocks: the report holds the first of them, counts them all, and its patterns cite the deadlock entries', async () => {
  const db = await store(['samples/off-outage/postgresql.log']);
  const { total } = loadDeadlocks(db, {});
  assert.ok(total > REPORT_DEADLOCKS, `${total} deadlocks`);
  const json = JSON.parse(report(db, { format: 'json' })) as {
    deadlocks: Array<{ id: number }>; deadlocks_total: number; root_causes: Array<{ title: string; evidence: Array<{ entry_id: number; file: string; line: number }> }>;
  };
  assert.deepEqual({ held: json.deadlocks.length, total: json.deadlocks_total }, { held: REPORT_DEADLOCKS, total });
  assert.match(report(db, {}), new RegExp(`## Deadlocks \\(${total}\\)[\\s\\S]*…and ${total - 5} more`));
  const patterns = json.root_causes.filter((c) => / deadlocks? between /.test(c.title));
  assert.ok(patterns.length > 0);
  const store_ = new Database(db, { readonly: true });
  const at = store_.prepare('SELECT e.kind, f.path AS file, e.line_start AS line FROM entries e JOIN files f ON f.id = e.file_id WHERE e.id = ?');
  for (const e of patterns.flatMap((c) => c.evidence)) assert.deepEqual(at.get(e.entry_id), { kind: 'deadlock', file: e.file, line: e.line });
  store_.close();
  // The patterns group every deadlock of the window, as grouping their views does.
  const { deadlocks } = loadDeadlocks(db, {});
  const sizes = new Map<string, number>();
  for (const d of deadlocks) {
    const apps = [...new Set(d.participants.map((p) => p.application_name ?? 'unknown app'))].sort().join(' and ');
    const key = `${apps} on ${d.relation ?? [...new Set(d.participants.map((p) => p.relation ?? p.object_type))].join('/')}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([key, n]) => `${n} deadlock${n === 1 ? '' : 's'} between ${key}`);
  assert.deepEqual(patterns.map((c) => c.title), largest);
});

test("--redact also removes literals from what the deadlocks' transactions ran before", async () => {
  const db = await store(['samples/run-main/01-deadlock-2proc.log']);
  const plain = report(db, { format: 'json' });
  assert.match(plain, /"earlier": \[[^\]]*pg_sleep\(1\.4\)/, 'the transactions are in the report');
  const redacted = report(db, { format: 'json', redact: true });
  assert.doesNotMatch(redacted, /pg_sleep\(1\.4\)/);
  assert.match(redacted, /"earlier": \[[^\]]*pg_sleep\( \?\)/);
});
