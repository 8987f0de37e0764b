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
  // Heroku's prefixes (behind its syslog header): `key = value`, and quoted values, spaces and all.
  [' sql_error_code = 28000 ', ' sql_error_code = %e '],
  [
    ' sql_error_code = 00000 time_ms = "2026-11-28 17:30:01.196 UTC" pid="19909" proc_start_time="2026-11-28 17:30:01 UTC" session_id="6b0b0f99.4dc5" vtid="3/2" tid="0" log_line="4" database="shop" connection_source="127.0.0.1(41204)" user="app" application_name="puma web" ',
    ' sql_error_code = %e time_ms = "%m" pid="%p" proc_start_time="%s" session_id="%c" vtid="%v" tid="%x" log_line="%l" database="%d" connection_source="%r" user="%u" application_name="%a" ',
  ],
  ['app="" time="2026-11-26 16:40:00 UTC" pid="42" ', 'app="%a" time="%t" pid="%p" '],
  // A quoted value under a key no escape is named after stays as it is.
  ['node="db-1" [42] ', 'node="db-1" [%p] '],
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

/**
 * A sample in which every line comes from a client backend reads as well with a %q
 * before the session fields as without: the background processes' lines further on
 * (checkpoints, shutdown, a crash) parse only with it. Where some line prints the
 * session fields empty, the server's prefix has no %q, and the template keeps none.
 */
const qChoices: Array<{ name: string; sample: string[]; prefix: string; later: string[] }> = [
  {
    name: 'Debian default, only client lines sampled (a busy pgbench log cut at random)',
    prefix: '%m [%p] %q%u@%d ',
    sample: [
      '2026-11-26 17:03:36.143 UTC [32713] app@bench LOG:  duration: 0.055 ms  statement: BEGIN;',
      '2026-11-26 17:03:36.143 UTC [32714] app@bench LOG:  duration: 0.076 ms  statement: SELECT abalance FROM pgbench_accounts WHERE aid = 57076;',
      '2026-11-26 17:03:36.144 UTC [32713] app@bench LOG:  duration: 0.021 ms  statement: END;',
    ],
    later: [
      '2026-11-26 17:04:19.054 UTC [56446] LOG:  received fast shutdown request',
      '2026-11-26 17:04:19.063 UTC [56449] LOG:  checkpoint starting: shutdown immediate',
    ],
  },
  {
    name: 'bracketed key=value, only client lines sampled',
    prefix: '%m [%p] %q[user=%u,db=%d,app=%a,client=%h] ',
    sample: [
      '2026-11-26 16:40:01.001 UTC [1234] [user=app,db=shop,app=puma,client=10.0.0.7] LOG:  duration: 1.234 ms  statement: select 1',
      '2026-11-26 16:40:01.002 UTC [1235] [user=app,db=shop,app=delayed_job,client=10.0.0.8] ERROR:  deadlock detected',
    ],
    later: ['2026-11-26 16:41:00.000 UTC [700] LOG:  server process (PID 1235) was terminated by signal 9: Killed'],
  },
  {
    name: 'pgBadger prefix without %q: background processes print the session fields empty',
    prefix: '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ',
    sample: [
      '2024-01-01 10:00:00 UTC [812]: [1-1] user=,db=,app=,client= LOG:  checkpoint starting: time',
      '2024-01-01 10:00:01 UTC [123]: [5-1] user=u,db=d,app=psql,client=1.2.3.4 LOG:  connection authorized: user=u database=d',
    ],
    later: ['2024-01-01 10:05:00 UTC [812]: [2-1] user=,db=,app=,client= LOG:  checkpoint complete: wrote 3 buffers (0.0%)'],
  },
];

test('a %q before the session fields when the sample cannot tell, none when it shows there is none', () => {
  for (const { name, sample, prefix, later } of qChoices) {
    const inferred = inferPrefix(sample);
    assert.equal(inferred?.prefix, prefix, name);
    for (const line of later) assert.ok(inferred.pattern.match(line), `${name}: ${line}`);
  }
});
