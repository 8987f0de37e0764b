import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveTemplate, inferPrefix } from '../../src/parse/prefix-inference.js';
import { compilePrefix } from '../../src/parse/prefix-pattern.js';

const derivations: Array<[string, string]> = [
  ['2026-11-26 16:40:00.123 UTC [1234] app@db ', '%m [%p] %u@%d '],
  ['2024-01-01 10:00:00 UTC [123]: [5-1] user=u,db=d,app=psql,client=1.2.3.4 ', '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h '],
  ['2019-03-10 03:54:59 UTC:10.0.0.1(5432):postgres@db:[1234]:', '%t:%r:%u@%d:[%p]:'],
  ['2026-11-26 16:40:00.123 UTC [1234] [user=u,db=d,app=puma] ', '%m [%p] [user=%u,db=%d,app=%a] '],
  ['2024-01-01 10:00:00 UTC-5f1a2b3c.1a2b-', '%t-%c-'],
  ['app=puma client=127.0.0.1 tx=0 pid=42 time=2026-11-26 16:40:00.123 UTC db=x user=y ', 'app=%a client=%h tx=%x pid=%p time=%m db=%d user=%u '],
  ['2026-11-26 16:40:00.123 UTC [1234] 3 00000 ', '%m [%p] %l %e '],
  ['2026-11-26 16:40:00.123 CEST [1234] 3 40P01 ', '%m [%p] %l %e '],
  // A replication connection has no database yet (autobase issue #82).
  ['2020-12-28 11:01:35 CET [1077] 10.10.11.5(29310) replicator@[unknown] ', '%t [%p] %r %u@%d '],
  // Five capitals ending a longer word are not a SQLSTATE: `[DATABASE]` once read as `[DAT%e]`.
  ['app[postgres.26831]: [DATABASE] [2-1] sql_error_code = 40P01 ', 'app[postgres.%p]: [DATABASE] [%l-1] sql_error_code = %e '],
];

test('templates derived from one prefix instance', () => {
  for (const [instance, template] of derivations) assert.equal(deriveTemplate(instance), template, instance);
});

const inferences: Array<{ name: string; lines: string[]; prefix: string }> = [
  {
    name: 'Debian default, background processes stop at %q',
    prefix: '%m [%p] %q%u@%d ',
    lines: [
      '2026-11-26 16:40:00.123 UTC [812] LOG:  checkpoint starting: time',
      '2026-11-26 16:40:01.001 UTC [1234] app@shop LOG:  connection authorized: user=app database=shop',
      '2026-11-26 16:40:02.002 UTC [1234] app@shop ERROR:  relation "nope" does not exist at character 15',
      '2026-11-26 16:40:02.002 UTC [1234] app@shop STATEMENT:  select * from nope;',
    ],
  },
  {
    name: 'RDS with empty user and db for background processes',
    prefix: '%t:%r:%u@%d:[%p]:',
    lines: [
      '2019-03-10 03:54:59 UTC::@:[5678]:LOG:  checkpoint starting: time',
      '2019-03-10 03:55:00 UTC:10.0.0.1(5432):postgres@db:[1234]:LOG:  connection authorized: user=postgres database=db',
      '2019-03-10 03:55:01 UTC:10.0.0.1(5432):postgres@db:[1234]:ERROR:  syntax error at or near "selec" at character 1',
    ],
  },
  {
    name: 'bracketed key=value after %q',
    prefix: '%m [%p] %q[user=%u,db=%d,app=%a] ',
    lines: [
      '2026-11-26 16:40:00.123 UTC [812] LOG:  checkpoint complete: wrote 3 buffers (0.0%)',
      '2026-11-26 16:40:01.001 UTC [1234] [user=app,db=shop,app=puma] LOG:  duration: 1.234 ms  statement: select 1',
    ],
  },
];

test('inference picks the prefix that parses every line', () => {
  for (const { name, lines, prefix } of inferences) {
    const inferred = inferPrefix(lines);
    assert.ok(inferred, name);
    assert.equal(inferred.matched, lines.length, `${name}: ${inferred.prefix}`);
    // Several templates can parse all lines; what matters is that the fields come out right.
    const expected = compilePrefix(prefix);
    for (const line of lines) assert.deepEqual(inferred.pattern.match(line), expected.match(line), `${name}: ${line}`);
  }
});

test('no level marker anywhere: nothing inferred', () => {
  assert.equal(inferPrefix(['hello', 'world']), undefined);
});
