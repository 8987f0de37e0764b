import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStoredCatalog, logName } from '../../src/store/stored-catalog.js';

test('logName: a log by its last name, without what rotation and compression add', () => {
  const cases: Array<[string, string]> = [
    ['pg_log/postgresql.log', 'postgresql.log'],
    ['logs.tgz!/pg_log/postgresql.log', 'postgresql.log'],
    ['/var/log/postgresql/postgresql-15-main.log.1', 'postgresql-15-main.log'],
    ['/var/log/postgresql/postgresql-15-main.log.2.gz', 'postgresql-15-main.log'],
    ['postgresql-15-main.log-20261126', 'postgresql-15-main.log'],
    ['C:\\logs\\postgresql.log.3.bz2', 'postgresql.log'],
    ['postgresql-2026-11-26_170308.log', 'postgresql-2026-11-26_170308.log'],
  ];
  for (const [path, name] of cases) assert.equal(logName(path), name, path);
});

test('the catalog finds files by content and by log, in the order stored, and forgets removed ones', () => {
  const c = (id: number, path: string, hash: string) => ({ id, path, hash, bytes: id * 10 });
  const catalog = createStoredCatalog([c(3, 'a/postgresql.log', 'h1'), c(1, 'b/postgresql.log.1', 'h2'), c(2, 'other.log', 'h1')]);
  assert.equal(catalog.findByHash('h1', -1)?.id, 2);
  assert.equal(catalog.findByHash('h1', 2)?.id, 3);
  assert.equal(catalog.findByHash('h3', -1), undefined);
  assert.deepEqual(catalog.sameLog('x/postgresql.log.2.gz', -1).map((f) => f.id), [1, 3]);
  assert.deepEqual(catalog.sameLog('x/postgresql.log', 3).map((f) => f.id), [1]);

  catalog.remove(2);
  assert.equal(catalog.findByHash('h1', -1)?.id, 3);
  catalog.add(c(4, 'postgresql.log', 'h2'));
  assert.deepEqual(catalog.sameLog('postgresql.log', -1).map((f) => f.id), [1, 3, 4]);
  // A file stored again under its id (a re-ingest that replaced it) is there once, as it is now.
  catalog.add(c(1, 'renamed.log', 'h5'));
  assert.deepEqual(catalog.sameLog('postgresql.log', -1).map((f) => f.id), [3, 4]);
  assert.equal(catalog.findByHash('h2', -1)?.id, 4);
  assert.equal(catalog.findByHash('h5', -1)?.path, 'renamed.log');
});
