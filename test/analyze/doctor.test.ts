/**
 * The logging doctor on real server output: the poorly configured sample names exactly
 * what was off, the fully logged ones name nothing, and --settings reads every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { doctorCommand, loadDiagnosis } from '../../src/commands/doctor.js';
import { parseSettings } from '../../src/analyze/doctor/settings-file.js';

async function storeOf(inputs: string[]): Promise<string> {
  const run = await runIngest(inputs);
  run.db.close();
  return run.db.name;
}

const missing = (db: string, settings?: string) =>
  loadDiagnosis(settings === undefined ? { db } : { db, settings }).findings.filter((f) => f.status === 'missing').map((f) => f.setting).sort();

test('poor-logging: names lock waits, application names, the prefix, connections, durations', async () => {
  const db = await storeOf(['samples/poor-logging/postgresql.log']);
  const d = loadDiagnosis({ db });
  assert.deepEqual(missing(db), [
    'application_name', 'log_checkpoints', 'log_connections', 'log_disconnections', 'log_line_prefix', 'log_lock_waits', 'log_min_duration_statement',
  ]);
  const prefix = d.findings.find((f) => f.setting === 'log_line_prefix')!;
  assert.match(prefix.evidence, /no %u, %d, %a, %h, %x/);
  assert.equal(d.findings.find((f) => f.setting === 'log_temp_files')!.status, 'unknown');
  assert.ok(d.sql.includes('ALTER SYSTEM SET log_lock_waits = on;'));
  assert.equal(d.sql.at(-1), 'SELECT pg_reload_conf();');
  assert.equal(d.deadlockTimeout, null);

  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  doctorCommand({ db, json: false }, out);
  assert.match(text, /log_lock_waits +missing \(evidence: 1 deadlock and 1 timeout while waiting for a lock/);
  assert.match(text, /log_temp_files +could not tell \(evidence:/);
  assert.match(text, /pg_stat_statements/);
});

for (const inputs of [['samples/off-outage/postgresql.log'], ['samples/off-outage/postgresql.csv'], ['samples/off-outage/postgresql.json'], ['samples/run-main']]) {
  test(`${inputs.join(' ')}: fully logged, nothing missing`, async () => {
    const db = await storeOf(inputs);
    assert.deepEqual(missing(db), []);
    const d = loadDiagnosis({ db });
    assert.equal(d.deadlockTimeout?.ms, 200, 'deadlock_timeout = 200ms in these runs');
    assert.ok(!d.sql.some((l) => l.startsWith('ALTER SYSTEM')));
  });
}

const SHOW_ALL = ` name | setting | description
------------------+----------+-------------
 log_lock_waits   | off      | Logs long lock waits.
 log_line_prefix  | %m [%p]  | Controls information prefixed to each log line.
 log_connections  | on       | Logs each successful connection.
(3 rows)
`;
const CSV = `name,setting,unit,category
log_lock_waits,off,,Reporting and Logging
log_min_duration_statement,100,ms,Reporting and Logging
log_line_prefix,"%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x] ",,Reporting and Logging
`;
const CONF = `# postgresql.conf
log_line_prefix = '%m [%p] %u@%d '   # a comment
#log_lock_waits = on
log_connections = on
log_min_duration_statement 250ms
`;

test('settings: SHOW ALL, pg_settings CSV and postgresql.conf', () => {
  const table: Array<[string, string, Record<string, string>]> = [
    [SHOW_ALL, 'show-all', { log_lock_waits: 'off', log_line_prefix: '%m [%p]', log_connections: 'on' }],
    [CSV, 'csv', { log_lock_waits: 'off', log_min_duration_statement: '100ms', log_line_prefix: '%m [%p] %q[user=%u,db=%d,app=%a,client=%h,xid=%x] ' }],
    [CONF, 'conf', { log_line_prefix: '%m [%p] %u@%d ', log_connections: 'on', log_min_duration_statement: '250ms' }],
  ];
  for (const [text, source, expected] of table) {
    const s = parseSettings(text, 'x');
    assert.equal(s.source, source);
    assert.deepEqual(Object.fromEntries(s.values), expected);
  }
  assert.throws(() => parseSettings('\n\n', 'empty.txt'), /--settings empty.txt: no settings found/);
});

test('settings override the logs: a conf that leaves log_lock_waits at its default', async () => {
  const db = await storeOf(['samples/off-outage/postgresql.log']);
  const path = join(tempDir(), 'postgresql.conf');
  writeFileSync(path, CONF);
  const d = loadDiagnosis({ db, settings: path });
  const get = (s: string) => d.findings.find((f) => f.setting === s)!;
  assert.equal(get('log_lock_waits').status, 'ok', 'the logs prove lock waits were logged; settings say default off');
  assert.match(get('log_lock_waits').evidence, /default/);
  assert.equal(get('log_line_prefix').status, 'missing');
  assert.match(get('log_line_prefix').evidence, /no %a, %h, %x/);
  assert.equal(get('log_temp_files').status, 'missing', 'postgresql.conf leaves log_temp_files at -1');
});
