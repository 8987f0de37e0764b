import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definedOnly } from '../helpers/defined-only.js';
import { compilePrefix, emptyFields, presentFields, type PrefixFields } from '../../src/parse/prefix-pattern.js';

const cases: Array<{ prefix: string; line: string; fields: Record<string, string>; level: string; body: string }> = [
  {
    prefix: '%m [%p] %q%u@%d ',
    line: '2026-11-26 16:40:00.123 UTC [1234] app@shop ERROR:  deadlock detected',
    fields: { time: '2026-11-26 16:40:00.123', zone: 'UTC', pid: '1234', user_name: 'app', database_name: 'shop' },
    level: 'ERROR',
    body: 'deadlock detected',
  },
  {
    prefix: '%m [%p] %q%u@%d ',
    line: '2026-11-26 16:40:00.123 UTC [812] LOG:  checkpoint starting: time',
    fields: { time: '2026-11-26 16:40:00.123', zone: 'UTC', pid: '812' },
    level: 'LOG',
    body: 'checkpoint starting: time',
  },
  {
    prefix: '%t-%c-',
    line: '2024-01-01 10:00:00 CEST-5f1a2b3c.1a2b-FATAL:  password authentication failed for user "x"',
    fields: { time: '2024-01-01 10:00:00', zone: 'CEST', session_id: '5f1a2b3c.1a2b' },
    level: 'FATAL',
    body: 'password authentication failed for user "x"',
  },
  {
    prefix: '%m [%p] %l %e ',
    line: '2026-11-26 16:40:00.123 +03 [99] 7 40P01 DETAIL:  Process 99 waits for ShareLock on transaction 7; blocked by process 98.',
    fields: { time: '2026-11-26 16:40:00.123', zone: '+03', pid: '99', session_line: '7', sqlstate: '40P01' },
    level: 'DETAIL',
    body: 'Process 99 waits for ShareLock on transaction 7; blocked by process 98.',
  },
  {
    prefix: '%-10p|%a|',
    line: '42        |my app|LOG:  x',
    fields: { pid: '42', application_name: 'my app' },
    level: 'LOG',
    body: 'x',
  },
  {
    prefix: '100%% %p ',
    line: '100% 42 WARNING:  x',
    fields: { pid: '42' },
    level: 'WARNING',
    body: 'x',
  },
];

test('compiled prefixes split lines into fields, level and message', () => {
  for (const c of cases) {
    const m = compilePrefix(c.prefix).match(c.line);
    assert.ok(m, `${c.prefix} ${c.line}`);
    assert.deepEqual(definedOnly(m.fields), c.fields, c.line);
    assert.equal(m.level, c.level);
    assert.equal(m.body, c.body);
  }
});

test('a line that does not fit the prefix', () => {
  assert.equal(compilePrefix('%m [%p] ').match('TopMemoryContext: 1024 total in 1 blocks'), undefined);
});

test('presentFields counts every field, one by one', () => {
  const names = Object.keys(emptyFields()) as Array<keyof PrefixFields>;
  assert.equal(presentFields(emptyFields()), 0);
  for (const name of names) assert.equal(presentFields({ ...emptyFields(), [name]: 'x' }), 1, name);
  assert.equal(presentFields(Object.fromEntries(names.map((n) => [n, 'x']))), names.length);
});
