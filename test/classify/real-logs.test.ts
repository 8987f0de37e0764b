/**
 * Every entry of real jsonlog files: the bundled samples and this folder's PG 15
 * capture. jsonlog carries the server's own SQLSTATE, which checks the codes
 * the kind tables infer when a log has none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../../src/classify/classify.js';
import { isSeverity, type Severity } from '../../src/parse/log-entry.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function jsonlogFiles(): string[] {
  const files = [`${root}test/fixtures/classify/pg15-capture.jsonl`];
  const samples = `${root}samples`;
  if (existsSync(samples)) {
    for (const dir of readdirSync(samples, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const f of readdirSync(`${samples}/${dir.name}`)) {
        if (f.endsWith('.json') && f !== 'truth.json') files.push(`${samples}/${dir.name}/${f}`);
      }
    }
  }
  return files;
}

interface JsonEntry {
  severity: Severity;
  message: string;
  sqlstate: string | undefined;
}

function* entries(file: string): Generator<JsonEntry> {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line) as { error_severity?: string; message?: string; state_code?: string };
    if (o.message === undefined || !o.error_severity || !isSeverity(o.error_severity)) continue;
    yield { severity: o.error_severity, message: o.message, sqlstate: o.state_code };
  }
}

const ALL = jsonlogFiles().flatMap((f) => [...entries(f)].map((e) => ({ file: f.slice(root.length), ...e })));

const isChatter = (e: JsonEntry): boolean =>
  e.severity === 'NOTICE' || e.severity === 'INFO' || e.severity.startsWith('DEBUG') ||
  (e.severity === 'WARNING' && (e.sqlstate ?? '01000').startsWith('01'));

test('real logs: only application chatter (NOTICE, RAISE WARNING) is left as other', () => {
  assert.ok(ALL.length > 300, `only ${ALL.length} entries`);
  const unexplained = ALL.filter((e) => classify(e).kind === 'other' && !isChatter(e));
  assert.deepEqual(unexplained.map((e) => `${e.file}: ${e.severity} ${e.message}`), []);
});

test('real logs: the SQLSTATE inferred from the text is the one the server logged', () => {
  const wrong: string[] = [];
  for (const e of ALL) {
    const inferred = classify({ severity: e.severity, message: e.message }).sqlstate;
    const logged = e.sqlstate === '00000' ? undefined : e.sqlstate;
    if (inferred !== undefined && inferred !== logged) wrong.push(`${e.message.slice(0, 80)}: inferred ${inferred}, logged ${logged}`);
  }
  assert.deepEqual([...new Set(wrong)], []);
});

test('real logs: errors name a kind of their own far more often than sql_error', (t) => {
  const errors = ALL.filter((e) => e.severity === 'ERROR' || e.severity === 'FATAL');
  const generic = errors.filter((e) => classify(e).kind === 'sql_error');
  t.diagnostic(`${errors.length} errors, ${generic.length} sql_error: ${[...new Set(generic.map((e) => e.message))].join(' | ')}`);
  assert.ok(generic.length * 20 < errors.length);
});
