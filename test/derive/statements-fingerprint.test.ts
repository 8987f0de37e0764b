/**
 * Statement shapes: what libpg-query groups together, what it keeps apart, and
 * that the cache in front of it never changes its answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShaper, PARSE_MAX_CHARS, type Shaper } from '../../src/derive/statements/statement-shaper.js';
import { parseShape } from '../../src/derive/statements/pg-query.js';

/** Each group: one shape written several ways. */
const SAME: Array<[string, string[]]> = [
  ['literals', ['UPDATE pgbench_accounts SET abalance = abalance + -4424 WHERE aid = 71011;', 'UPDATE pgbench_accounts SET abalance = abalance + 12 WHERE aid = 5;']],
  // libpg-query collapses IN lists: any length, constants or parameters. The normalized text keeps the length.
  ['IN lists of any length', ['SELECT * FROM t WHERE id IN (1, 2, 3)', 'SELECT * FROM t WHERE id IN (7)', 'SELECT * FROM t WHERE id IN ($1, $2)']],
  ['string literals, any quoting', [
    "SELECT * FROM users WHERE email = 'a@example.com'",
    "SELECT * FROM users WHERE email = 'it''s@example.com'",
    "SELECT * FROM users WHERE email = E'it\\'s'",
    'SELECT * FROM users WHERE email = $$x$$',
    "SELECT * FROM users WHERE email = $tag$ '$$ $tag$",
  ]],
  // A constant's cast does not count (its type is part of the constant); a column's does (below).
  ['casts of constants', ['SELECT * FROM t WHERE b = 1::int', 'SELECT * FROM t WHERE b = 2::bigint', "SELECT * FROM t WHERE b = CAST('3' AS numeric)"]],
  ['comments', ['SELECT a FROM t WHERE id = 1', '/* controller=orders,traceparent=00-4bf92f */ SELECT a FROM t WHERE id = 2', 'SELECT a FROM t -- trailing\nWHERE id = 3']],
  ['unquoted identifiers fold to lower case', ['SELECT a FROM t', 'select A from T', 'SELECT "a" FROM "t"', 'SELECT a AS alias FROM t']],
  ['whitespace', ['SELECT a FROM t WHERE id = 1', 'SELECT  a\n  FROM t\n\tWHERE id = 1']],
  ['number spellings', ['SELECT * FROM t LIMIT 10', 'SELECT * FROM t LIMIT 1_000', 'SELECT * FROM t LIMIT 0x10', 'SELECT * FROM t LIMIT 1.5e3']],
  ['transaction control', ['BEGIN;', 'begin', 'BEGIN ISOLATION LEVEL SERIALIZABLE']],
];

/** All different shapes. */
const DIFFERENT = [
  'SELECT a FROM t',
  'SELECT "A" FROM t',
  'SELECT b FROM t',
  'SELECT a FROM u',
  'SELECT a::int FROM t',
  'SELECT a::bigint FROM t',
  'SELECT a FROM t WHERE id = 1',
  'SELECT a FROM t WHERE id > 1',
  'SELECT a FROM t WHERE id = ANY(ARRAY[1, 2])',
  'SELECT a FROM t WHERE id IN (SELECT 1)',
  'UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 2;',
  'UPDATE pgbench_tellers SET tbalance = tbalance + 1 WHERE tid = 2;',
  'SELECT 1; SELECT 2',
];

/** Texts whose shape depends on a literal's value: the cache must not answer for them by key. */
const VALUE_DEPENDENT = [
  'FETCH 10 FROM c',
  'FETCH 20 FROM c',
  "ALTER ROLE x PASSWORD 'a'",
  "ALTER ROLE x PASSWORD 'b'",
  'EXECUTE account_orders(7, 10.5);',
  'EXECUTE account_orders(42, 0);',
  'CREATE TABLE t (a varchar(10))',
  'CREATE TABLE t (a varchar(20))',
];

function direct(sql: string): { normalized: string; fingerprint: string } {
  const parsed = parseShape(sql);
  assert.ok(parsed, `libpg-query parses ${sql}`);
  return parsed;
}

test('one shape written several ways has one fingerprint', () => {
  const shaper = createShaper();
  for (const [what, texts] of SAME) {
    const prints = new Set(texts.map((t) => shaper.shape(t).fingerprint));
    assert.equal(prints.size, 1, `${what}: ${[...prints].join(', ')}`);
    for (const t of texts) assert.ok(shaper.shape(t).parseOk, t);
  }
});

test('different shapes have different fingerprints', () => {
  const shaper = createShaper();
  const prints = DIFFERENT.map((t) => shaper.shape(t).fingerprint);
  assert.equal(new Set(prints).size, DIFFERENT.length, JSON.stringify(prints));
});

test('IN lists share a fingerprint but keep their own normalized text', () => {
  const shaper = createShaper();
  assert.equal(shaper.shape('SELECT * FROM t WHERE id IN (1, 2, 3)').normalized, 'SELECT * FROM t WHERE id IN ($1, $2, $3)');
  assert.equal(shaper.shape('SELECT * FROM t WHERE id IN (4)').normalized, 'SELECT * FROM t WHERE id IN ($1)');
});

test('the cache gives what libpg-query gives, in any order, also when a literal changes the shape', () => {
  const corpus = [...SAME.flatMap(([, texts]) => texts), ...DIFFERENT, ...VALUE_DEPENDENT];
  for (const order of [corpus, [...corpus].reverse()]) {
    // A tiny cache too, so that entries are evicted and learned again.
    for (const shaper of [createShaper(), createShaper(4)] as Shaper[]) {
      for (const round of [1, 2]) {
        for (const sql of order) {
          const got = shaper.shape(sql);
          const want = direct(sql);
          assert.equal(got.fingerprint, want.fingerprint, `fingerprint of ${sql} (round ${round})`);
          // Comments are no part of the key: the normalized text shows the first one seen.
          if (!/--|\/\*/.test(sql)) assert.equal(got.normalized, want.normalized, `normalized ${sql} (round ${round})`);
        }
      }
    }
  }
});

test('repeated shapes are parsed once', () => {
  const shaper = createShaper();
  for (let i = 0; i < 1000; i++) shaper.shape(`SELECT abalance FROM pgbench_accounts WHERE aid = ${i};`);
  assert.equal(shaper.stats.calls, 1000);
  assert.ok(shaper.stats.parsed <= 2, `parsed ${shaper.stats.parsed} times`);
});

test('text the parser rejects gets a stable fallback fingerprint and parse_ok = 0', () => {
  const broken = [
    '<unnamed>',
    "SELECT * FROM orders WHERE note = 'cut off by track_activity_query_si",
    'SELECT * FROM t WHERE',
    'SELEC id FROM accounts WHERE id = 1;',
    'SELECT 123abc',
  ];
  const first = createShaper();
  const second = createShaper();
  for (const sql of broken) {
    const a = first.shape(sql);
    assert.equal(a.parseOk, false, sql);
    assert.match(a.fingerprint, /^x[0-9a-f]{16}$/, sql);
    assert.equal(second.shape(sql).fingerprint, a.fingerprint, `same in another run: ${sql}`);
  }
  // Stable across versions and machines too: the same statement groups in every store.
  assert.equal(first.shape('SELEC id FROM accounts WHERE id = 1;').fingerprint, 'x6e4ae1d49fa6e834');
  assert.equal(first.shape('SELEC id FROM accounts WHERE id = 1;').normalized, 'SELEC id FROM accounts WHERE id = $1;');
  // Literals do not matter there either; where the text was cut does.
  assert.equal(first.shape('SELEC id FROM accounts WHERE id = 2;').fingerprint, 'x6e4ae1d49fa6e834');
  assert.equal(first.shape("SELECT * FROM orders WHERE note = 'other").fingerprint, first.shape("SELECT * FROM orders WHERE note = 'cut").fingerprint);
  assert.notEqual(first.shape("SELECT * FROM orders WHERE note = 'cut").fingerprint, first.shape("SELECT * FROM orders WHERE note = 'cut'").fingerprint);
  assert.equal(first.shape("SELECT * FROM orders WHERE note = 'cut'").parseOk, true);
});

test('a statement too long for the parser gets the fallback shape, the same for other literals', () => {
  const long = (value: string, count: number): string => `INSERT INTO t (v) VALUES ${Array(count).fill(`('${value}')`).join(', ')}`;
  const shaper = createShaper();
  const count = Math.ceil(PARSE_MAX_CHARS / 8);
  const a = shaper.shape(long('ab', count));
  assert.ok(long('ab', count).length > PARSE_MAX_CHARS);
  assert.equal(a.parseOk, false);
  assert.match(a.fingerprint, /^x[0-9a-f]{16}$/);
  assert.equal(createShaper().shape(long('xy', count)).fingerprint, a.fingerprint, 'other literals, another run');
  assert.notEqual(shaper.shape(long('ab', count + 1)).fingerprint, a.fingerprint, 'another row count');
  // Under the bound the parser still answers.
  assert.equal(shaper.shape(long('ab', 3)).parseOk, true);
});
