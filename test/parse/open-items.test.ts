/** The per-backend bookkeeping of the stderr parser and the syslog adapter. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenItems, type OpenItem } from '../../src/parse/open-items.js';

interface Item extends OpenItem {
  name: string;
}

function item(name: string, line: number): Item {
  return { name, lastLine: line, done: false };
}

test('items are passed on in the order they started, each once it is closed or left behind', () => {
  const closed: string[] = [];
  const out: string[] = [];
  const emit = (i: Item): void => void out.push(i.name);
  const items = new OpenItems<Item>(3, (i) => closed.push(i.name));
  items.start('p1', item('a', 1));
  items.start('p2', item('b', 2));
  items.drain(2, emit);
  assert.deepEqual(out, [], 'a is open: nothing passes it');
  items.start('p1', item('c', 3));
  assert.deepEqual(closed, ['a'], "a backend's next item closes its previous one");
  items.drain(3, emit);
  assert.deepEqual(out, ['a'], 'b is still open, and c waits behind it');
  items.open('p2')!.lastLine = 4;
  items.drain(7, emit);
  assert.deepEqual(out, ['a'], 'b had a line 3 lines ago: still open');
  items.drain(8, emit);
  assert.deepEqual(out, ['a', 'b', 'c'], 'then b and c are left behind');
  assert.deepEqual(closed, ['a', 'b', 'c']);
  assert.equal(items.open('p1'), undefined);
  assert.equal(items.open('p2'), undefined);
});

test('open() gives only an item still open; flush passes on every item', () => {
  const out: string[] = [];
  const items = new OpenItems<Item>(100);
  const done = { ...item('x', 1), done: true };
  items.start('p1', done);
  assert.equal(items.open('p1'), undefined, 'an item closed from the start');
  items.start('p2', item('y', 2));
  assert.equal(items.open('p2')?.name, 'y');
  items.flush((i) => out.push(i.name));
  assert.deepEqual(out, ['x', 'y']);
  assert.equal(items.open('p2'), undefined);
  assert.equal(items.keys, 0);
});

test('the ring keeps the order when it grows past its first size with items left inside', () => {
  const out: string[] = [];
  const items = new OpenItems<Item>(1_000_000);
  // One item that stays open holds everything after it back: 200 then 300 items queue behind it.
  items.start('holder', item('h', 0));
  for (let i = 1; i <= 500; i++) items.start(`k${i % 7}`, item(`i${i}`, i));
  items.flush((i) => out.push(i.name));
  assert.deepEqual(out, ['h', ...Array.from({ length: 500 }, (_, i) => `i${i + 1}`)]);
});

test('a key is forgotten with its last item, so a log of short sessions keeps few keys', () => {
  const items = new OpenItems<Item>(10);
  // Every line a new backend: 100 000 keys seen, each gone quiet at once.
  for (let line = 1; line <= 100_000; line++) {
    items.start(`pid${line}`, item(`e${line}`, line));
    items.drain(line, () => undefined);
    assert.ok(items.keys <= 11, `${items.keys} keys remembered at line ${line}`);
  }
  // A busy backend keeps its key while its items follow one another; passed on, the older ones leave it alone.
  items.start('busy', item('b1', 100_001));
  items.start('busy', item('b2', 100_002));
  items.drain(100_002, () => undefined);
  assert.equal(items.open('busy')?.name, 'b2');
});
