import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../src/classify/messages/parse-duration.js';
import { parseStatementLog } from '../../src/classify/messages/parse-statement-log.js';
import { parseParameters } from '../../src/classify/messages/parse-parameters.js';
import { parseTempFile } from '../../src/classify/messages/parse-temp-file.js';

test('durations: statement, execute, parse, bind, bare (real PG 15 lines)', () => {
  const cases: Array<[string, ReturnType<typeof parseDuration>]> = [
    ['duration: 51.030 ms  statement: SELECT g FROM generate_series(1,200000) g ORDER BY g DESC LIMIT 1',
      { ms: 51.03, phase: 'statement', text: 'SELECT g FROM generate_series(1,200000) g ORDER BY g DESC LIMIT 1' }],
    ['duration: 0.012 ms  execute P_0: SELECT $$it\'s, a "test"$$ || $1 AS a, NULL::text AS b;',
      { ms: 0.012, phase: 'execute', preparedName: 'P_0', text: 'SELECT $$it\'s, a "test"$$ || $1 AS a, NULL::text AS b;' }],
    ['duration: 0.003 ms  execute <unnamed>: SELECT $1::text',
      { ms: 0.003, phase: 'execute', preparedName: '<unnamed>', text: 'SELECT $1::text' }],
    ['duration: 0.483 ms  parse <unnamed>: SELECT balance FROM accounts WHERE id = $1;',
      { ms: 0.483, phase: 'parse', preparedName: '<unnamed>', text: 'SELECT balance FROM accounts WHERE id = $1;' }],
    ['duration: 0.514 ms  bind P_0: SELECT balance FROM accounts WHERE id = $1;',
      { ms: 0.514, phase: 'bind', preparedName: 'P_0', text: 'SELECT balance FROM accounts WHERE id = $1;' }],
    ['duration: 0.023 ms', { ms: 0.023, phase: 'none' }],
    // wording of PG 9.6-18 (a named portal, and a fetch from it)
    ['duration: 1.500 ms  execute S_1/C_2: SELECT 1', { ms: 1.5, phase: 'execute', preparedName: 'S_1/C_2', text: 'SELECT 1' }],
    ['duration: 1.500 ms  execute fetch from S_1/C_2: SELECT 1', { ms: 1.5, phase: 'execute', preparedName: 'S_1/C_2', text: 'SELECT 1' }],
    ['duration: 12 ms  statement: ', { ms: 12, phase: 'statement', text: '' }],
    ['statement: SELECT 1', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseDuration(message), expected, message);
});

test('multi-line statements keep their lines, whether stderr left its TABs or not', () => {
  const csv = 'duration: 0.555 ms  statement: SELECT 1\n + 2';
  const stderr = 'duration: 0.555 ms  statement: SELECT 1\n\t + 2';
  for (const m of [csv, stderr]) assert.equal(parseDuration(m)?.text, 'SELECT 1\n + 2');
});

test('auto_explain: the Query Text of a text or JSON plan (real PG 15 lines)', () => {
  const text = "duration: 0.111 ms  plan:\nQuery Text: SELECT count(*) FROM pg_class WHERE relname LIKE 'pg%'\nAggregate  (cost=20.00..20.01 rows=1 width=8)\n  ->  Seq Scan on pg_class  (cost=0.00..19.12 rows=348 width=0)\n        Filter: (relname ~~ 'pg%'::text)";
  assert.deepEqual(parseDuration(text), {
    ms: 0.111, phase: 'plan', text: "SELECT count(*) FROM pg_class WHERE relname LIKE 'pg%'",
    plan: "Aggregate  (cost=20.00..20.01 rows=1 width=8)\n  ->  Seq Scan on pg_class  (cost=0.00..19.12 rows=348 width=0)\n        Filter: (relname ~~ 'pg%'::text)",
  });
  const json = 'duration: 0.006 ms  plan:\n{\n  "Query Text": "SELECT 1\\n + 2",\n  "Plan": {\n    "Node Type": "Result",\n    "Parallel Aware": false\n  }\n}';
  const d = parseDuration(json)!;
  assert.equal(d.phase, 'plan');
  assert.equal(d.text, 'SELECT 1\n + 2');
  // A multi-line query in a text plan runs up to the first plan node.
  const multi = 'duration: 2.000 ms  plan:\n\tQuery Text: SELECT *\n\t  FROM t\n\tSeq Scan on t  (cost=0.00..35.50 rows=2550 width=4)';
  assert.equal(parseDuration(multi)?.text, 'SELECT *\n  FROM t');
});

test('log_statement lines', () => {
  const cases: Array<[string, ReturnType<typeof parseStatementLog>]> = [
    ["statement: ALTER SYSTEM SET log_statement = 'none'", { phase: 'statement', text: "ALTER SYSTEM SET log_statement = 'none'" }],
    ['statement: UPDATE accounts\n\tSET balance = 0\n\tWHERE id = 100', { phase: 'statement', text: 'UPDATE accounts\nSET balance = 0\nWHERE id = 100' }],
    ['execute P_0: SELECT balance FROM accounts WHERE id = $1;', { phase: 'execute', preparedName: 'P_0', text: 'SELECT balance FROM accounts WHERE id = $1;' }],
    ['execute <unnamed>: UPDATE accounts SET balance = balance + 1 WHERE id = $1;',
      { phase: 'execute', preparedName: '<unnamed>', text: 'UPDATE accounts SET balance = balance + 1 WHERE id = $1;' }],
    ['duration: 0.023 ms', undefined],
    ['bind P_0: SELECT 1', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseStatementLog(message), expected, message);
});

test('bind parameters: quotes doubled, NULL, commas and newlines inside values', () => {
  const cases: Array<[string, ReturnType<typeof parseParameters>]> = [
    ["parameters: $1 = '3'", [['$1', '3']]],
    ["parameters: $1 = 'O''Reilly'", [['$1', "O'Reilly"]]],
    // Real PG 15 DETAIL (csv/json form, then as stderr writes it).
    ["parameters: $1 = 'it''s, a \"test\"', $2 = NULL, $3 = 'multi\nline, value', $4 = '42'",
      [['$1', 'it\'s, a "test"'], ['$2', null], ['$3', 'multi\nline, value'], ['$4', '42']]],
    ["parameters: $1 = 'it''s, a \"test\"', $2 = NULL, $3 = 'multi\n\tline, value', $4 = '42'",
      [['$1', 'it\'s, a "test"'], ['$2', null], ['$3', 'multi\nline, value'], ['$4', '42']]],
    ["parameters: $1 = '', $2 = ''''", [['$1', ''], ['$2', "'"]]],
    // wording of PG 13+ (CONTEXT of an error in an extended-protocol statement)
    ["unnamed portal with parameters: $1 = 'abc', $2 = NULL", [['$1', 'abc'], ['$2', null]]],
    ["parameters: $1 = 'unterminated", undefined],
    ['prepare: PREPARE p(text) AS SELECT $1', undefined],
  ];
  for (const [detail, expected] of cases) assert.deepEqual(parseParameters(detail), expected, detail);
});

test('temporary files', () => {
  assert.deepEqual(parseTempFile('temporary file: path "base/pgsql_tmp/pgsql_tmp10819.0", size 2800000'),
    { path: 'base/pgsql_tmp/pgsql_tmp10819.0', bytes: 2800000 });
  assert.equal(parseTempFile('temporary file: path "x"'), undefined);
});
