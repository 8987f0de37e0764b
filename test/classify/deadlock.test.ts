import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeadlockDetail } from '../../src/classify/messages/parse-deadlock-detail.js';
import { parseDeadlockContext } from '../../src/classify/messages/parse-deadlock-context.js';

// Real PG 15 DETAIL, as csvlog/jsonlog keep it (stderr writes the same with a TAB after each newline).
const TWO = [
  'Process 8661 waits for ShareLock on transaction 741; blocked by process 8694.',
  'Process 8694 waits for ShareLock on transaction 740; blocked by process 8661.',
  'Process 8661: UPDATE accounts',
  '   SET balance = balance - 1',
  ' WHERE id = 2',
  'Process 8694: UPDATE accounts SET balance = balance - 1 WHERE id = 1',
].join('\n');

const THREE = [
  'Process 8739 waits for ShareLock on transaction 742; blocked by process 8752.',
  'Process 8752 waits for ExclusiveLock on advisory lock [16388,0,42,1]; blocked by process 8735.',
  'Process 8735 waits for AccessExclusiveLock on relation 16398 of database 16388; blocked by process 8739.',
  'Process 8739: UPDATE accounts SET balance = 5 WHERE id = 3',
  'Process 8752: SELECT pg_advisory_xact_lock(42)',
  'Process 8735: LOCK TABLE orders IN ACCESS EXCLUSIVE MODE',
].join('\n');

const stderrForm = (s: string): string => s.replace(/\n/g, '\n\t');

test('two processes, a query over three lines, in csv/json and stderr form', () => {
  for (const detail of [TWO, stderrForm(TWO)]) {
    const d = parseDeadlockDetail(detail)!;
    assert.deepEqual(d.participants, [
      { pid: 8661, mode: 'ShareLock', object: { type: 'transaction', xid: 741 }, blockedBy: 8694 },
      { pid: 8694, mode: 'ShareLock', object: { type: 'transaction', xid: 740 }, blockedBy: 8661 },
    ]);
    assert.deepEqual([...d.queries], [
      [8661, 'UPDATE accounts\n   SET balance = balance - 1\n WHERE id = 2'],
      [8694, 'UPDATE accounts SET balance = balance - 1 WHERE id = 1'],
    ]);
  }
});

test('three processes over mixed objects: transaction, advisory lock, relation', () => {
  const d = parseDeadlockDetail(THREE)!;
  assert.deepEqual(d.participants.map((p) => [p.pid, p.object.type, p.blockedBy]), [
    [8739, 'transaction', 8752], [8752, 'advisory', 8735], [8735, 'relation', 8739],
  ]);
  assert.equal(d.queries.get(8752), 'SELECT pg_advisory_xact_lock(42)');
  assert.equal(d.queries.size, 3);
});

test('N processes, tuple locks, an empty query, and the client-side DETAIL without queries', () => {
  const detail = [
    'Process 1 waits for ExclusiveLock on tuple (0,5) of relation 16391 of database 16388; blocked by process 2.',
    'Process 2 waits for ShareLock on transaction 10; blocked by process 3.',
    'Process 3 waits for ShareLock on transaction 11; blocked by process 4.',
    'Process 4 waits for ShareLock on transaction 12; blocked by process 1.',
    'Process 1: UPDATE t SET x = 1 WHERE id = 5',
    'Process 2: ',
    'Process 3: SELECT 1;',
    'Process 4: <insufficient privilege>',
  ].join('\n');
  const d = parseDeadlockDetail(detail)!;
  assert.equal(d.participants.length, 4);
  assert.deepEqual(d.participants[0]!.object, { type: 'tuple', page: 0, tuple: 5, relation: 16391, database: 16388 });
  assert.equal(d.queries.get(2), '');
  assert.equal(d.queries.get(4), '<insufficient privilege>');

  const clientSide = parseDeadlockDetail(TWO.split('\n').slice(0, 2).join('\n'))!;
  assert.equal(clientSide.participants.length, 2);
  assert.equal(clientSide.queries.size, 0);
});

test('a query line that looks like a participant line of a stranger stays in the query', () => {
  const d = parseDeadlockDetail(`${TWO}\nProcess 99: not a participant`)!;
  assert.equal(d.queries.get(8694), 'UPDATE accounts SET balance = balance - 1 WHERE id = 1\nProcess 99: not a participant');
});

test('not a deadlock DETAIL', () => {
  assert.equal(parseDeadlockDetail('Key (id)=(1) already exists.'), undefined);
  assert.equal(parseDeadlockDetail(''), undefined);
});

test('deadlock and lock-wait CONTEXT: the tuple and relation', () => {
  const cases: Array<[string, ReturnType<typeof parseDeadlockContext>]> = [
    ['while updating tuple (0,2) in relation "accounts"', { operation: 'updating', page: 0, tuple: 2, relation: 'accounts' }],
    ['while rechecking updated tuple (0,15) in relation "accounts"', { operation: 'rechecking_updated', page: 0, tuple: 15, relation: 'accounts' }],
    ['while updating tuple (17,86) in relation "spree_variants"', { operation: 'updating', page: 17, tuple: 86, relation: 'spree_variants' }],
    // wordings of PG 9.6-18 (lmgr.c XLTW_Oper)
    ['while locking tuple (3,4) in relation "orders"', { operation: 'locking', page: 3, tuple: 4, relation: 'orders' }],
    ['while deleting tuple (1,1) in relation "orders"', { operation: 'deleting', page: 1, tuple: 1, relation: 'orders' }],
    ['while inserting index tuple (2,9) in relation "orders_pkey"', { operation: 'inserting_index', page: 2, tuple: 9, relation: 'orders_pkey' }],
    ['while checking uniqueness of tuple (2,9) in relation "orders_pkey"', { operation: 'checking_uniqueness', page: 2, tuple: 9, relation: 'orders_pkey' }],
    ['while locking updated version (5,6) of tuple in relation "orders"', { operation: 'locking_updated_version', page: 5, tuple: 6, relation: 'orders' }],
    ['while checking exclusion constraint on tuple (0,3) in relation "ex"', { operation: 'checking_exclusion', page: 0, tuple: 3, relation: 'ex' }],
    ['SQL statement "UPDATE t SET x = 1"\nPL/pgSQL function f() line 3 at SQL statement\nwhile updating tuple (0,1) in relation "t"',
      { operation: 'updating', page: 0, tuple: 1, relation: 't' }],
    ['while scanning block 6 of relation "public.big"\nautomatic vacuum of table "shop.public.big"', undefined],
  ];
  for (const [context, expected] of cases) assert.deepEqual(parseDeadlockContext(context), expected, context);
});
