/** The literal scanner that keys the shape cache: what it masks, what it must leave alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMENT, LITERAL, TRUNCATED, literalKey, withOtherLiterals } from '../../src/derive/statements/literal-scan.js';

/** Markers made visible: ? literal, # comment, … truncated. */
const visible = (key: string): string => key.replaceAll(LITERAL, '?').replaceAll(COMMENT, '#').replaceAll(TRUNCATED, '…');

const KEYS: Array<[string, string]> = [
  ['UPDATE pgbench_accounts SET abalance = abalance + -4424 WHERE aid = 71011;', 'UPDATE pgbench_accounts SET abalance = abalance + -? WHERE aid = ?;'],
  ['SELECT 1, 2.5, .5, 5., 1e10, 1.5e-3, 0x1F, 0o17, 0b101, 1_000', 'SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?'],
  ['SELECT t1.c2, $1, a$1, x[1:2] FROM t1', 'SELECT t1.c2, $1, a$1, x[?:?] FROM t1'],
  ["SELECT 'it''s', E'it\\'s', e'\\\\', B'01', X'1F', N'x', U&'d\\0061t'", 'SELECT ?, E?, e?, B?, X?, N?, U&?'],
  ["SELECT some'x'", 'SELECT some?'],
  ["SELECT $$a 'b' 1$$, $fn$ x $$ y $fn$", 'SELECT ?, ?'],
  ['SELECT "col 1", "a""b", "it\'s" FROM "T2"', 'SELECT "col 1", "a""b", "it\'s" FROM "T2"'],
  ['SELECT 1 -- note 2\n, /* c /* nested 3 */ 4 */ 5', 'SELECT ? #\n, # ?'],
  ['SELECT a--b\n', 'SELECT a#\n'],
  // Text the parser must judge (trailing junk, `..`) stays verbatim.
  ['SELECT 123abc, 1..2, 0b102', 'SELECT 123abc, 1..2, 0b102'],
  // Cut off: the rest is one marker, unlike any complete literal.
  ["SELECT * FROM t WHERE a = 'unterminated", 'SELECT * FROM t WHERE a = …'],
  ['SELECT 1 /* unterminated', 'SELECT ? …'],
  ['SELECT $q$ unterminated', 'SELECT …'],
  ['BEGIN;', 'BEGIN;'],
  ['', ''],
];

test('literalKey masks literals and comments, nothing else', () => {
  for (const [sql, key] of KEYS) assert.equal(visible(literalKey(sql)), key, sql);
});

test('statements of one shape share a key; a truncated one does not share it with a complete one', () => {
  assert.equal(literalKey("SELECT * FROM t WHERE a = 'x' AND b = 1"), literalKey("SELECT * FROM t WHERE a = 'yy''z' AND b = 22.5"));
  assert.notEqual(literalKey("SELECT * FROM t WHERE a = 'abc"), literalKey("SELECT * FROM t WHERE a = 'abc'"));
  assert.notEqual(literalKey("SELECT E'x'"), literalKey("SELECT 'x'"));
});

test('withOtherLiterals changes every literal and keeps the rest', () => {
  assert.equal(
    withOtherLiterals("SELECT 1, 'a', $$b$$, E'c\\'', 0x1F /* 2 */ FROM t9"),
    "SELECT 11, 'ax', $$bx$$, E'c\\'x', 0x1F1 /* 2 */ FROM t9",
  );
});
