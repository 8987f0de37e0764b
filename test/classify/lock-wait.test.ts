import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLockWait } from '../../src/classify/messages/parse-lock-wait.js';
import { parseLockHolders } from '../../src/classify/messages/parse-lock-holders.js';
import { describeObject, objectKey, parseLockedObject } from '../../src/classify/messages/locked-object.js';

test('lock waits: the five events, real PG 15 lines', () => {
  const cases: Array<[string, ReturnType<typeof parseLockWait>]> = [
    ['process 8735 still waiting for AccessExclusiveLock on relation 16398 of database 16388 after 200.122 ms',
      { event: 'still_waiting', pid: 8735, mode: 'AccessExclusiveLock', object: { type: 'relation', relation: 16398, database: 16388 }, ms: 200.122 }],
    ['process 9475 acquired ShareLock on transaction 746 after 468.486 ms',
      { event: 'acquired', pid: 9475, mode: 'ShareLock', object: { type: 'transaction', xid: 746 }, ms: 468.486 }],
    ['process 8661 detected deadlock while waiting for ShareLock on transaction 741 after 200.130 ms',
      { event: 'deadlock_detected', pid: 8661, mode: 'ShareLock', object: { type: 'transaction', xid: 741 }, ms: 200.13 }],
    ['process 10066 avoided deadlock for ShareLock on transaction 758 by rearranging queue order after 200.136 ms',
      { event: 'avoided', pid: 10066, mode: 'ShareLock', object: { type: 'transaction', xid: 758 }, ms: 200.136 }],
    // wording of PG 9.6-18 (proc.c)
    ['process 4242 failed to acquire ShareLock on transaction 9001 after 1500.042 ms',
      { event: 'failed', pid: 4242, mode: 'ShareLock', object: { type: 'transaction', xid: 9001 }, ms: 1500.042 }],
    // A cursor position can follow (stderr, and csv/json as the store writes them).
    ['process 9513 still waiting for AccessShareLock on relation 16391 of database 16388 after 200.160 ms at character 15',
      { event: 'still_waiting', pid: 9513, mode: 'AccessShareLock', object: { type: 'relation', relation: 16391, database: 16388 }, ms: 200.16 }],
    ['duration: 0.023 ms', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseLockWait(message), expected, message);
});

test('locked objects: every type reads back to the same text, with a stable key', () => {
  const cases: Array<[string, string]> = [
    ['relation 16398 of database 16388', 'relation:16388:16398'],
    ['tuple (0,5) of relation 16391 of database 16388', 'tuple:16388:16391:0:5'],
    ['transaction 741', 'transaction:741'],
    ['virtual transaction 3/78', 'virtualxid:3/78'],
    ['object 16416 of class 1255 of database 16388', 'object:16388:1255:16416'],
    ['object 16417 of class 1260 of database 0', 'object:0:1260:16417'],
    ['advisory lock [16388,0,42,1]', 'advisory:16388:0:42:1'],
    // Texts of lmgr.c's DescribeLockTag that PG 15 did not print for us:
    ['extension of relation 16439 of database 16388', 'extend:16388:16439'],
    ['page 7 of relation 16439 of database 16388', 'page:16388:16439:7'],
    ['speculative token 3 of transaction 1207', 'speculative:1207:3'],
    ['pg_database.datfrozenxid of database 16388', 'frozen_ids:16388'],
    // wording of PG 16+
    ['remote transaction 731 of subscription 16400 of database 5', 'apply_transaction:5:16400:731'],
    ['something new 1 of 2', 'unknown:something new 1 of 2'],
  ];
  for (const [text, key] of cases) {
    const o = parseLockedObject(text);
    assert.equal(describeObject(o), text);
    assert.equal(objectKey(o), key, text);
  }
  assert.deepEqual(parseLockedObject('tuple (17,86) of relation 16391 of database 16388'),
    { type: 'tuple', page: 17, tuple: 86, relation: 16391, database: 16388 });
  assert.deepEqual(parseLockedObject('speculative token 3 of transaction 1207'), { type: 'speculative', token: 3, xid: 1207 });
  assert.deepEqual(parseLockedObject('advisory lock [16388,0,42,1]'), { type: 'advisory', key: [16388, 0, 42, 1] });
});

test('lock holders and wait queue from the DETAIL', () => {
  const cases: Array<[string, ReturnType<typeof parseLockHolders>]> = [
    ['Process holding the lock: 8739. Wait queue: 8735.', { holders: [8739], queue: [8735] }],
    ['Process holding the lock: 8694. Wait queue: .', { holders: [8694], queue: [] }],
    ['Process holding the lock: 10066. Wait queue: 10070, 10067.', { holders: [10066], queue: [10070, 10067] }],
    // Several holders of a shared lock (errdetail_log_plural).
    ['Processes holding the lock: 1, 2. Wait queue: .', { holders: [1, 2], queue: [] }],
    ['Key (id)=(1) already exists.', undefined],
  ];
  for (const [detail, expected] of cases) assert.deepEqual(parseLockHolders(detail), expected, detail);
});
