import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAutovacuum } from '../../src/classify/messages/parse-autovacuum.js';

// Real PG 15 report (jsonlog form; stderr writes the same with a TAB after each newline).
const PG15_VACUUM = [
  'automatic vacuum of table "shop.public.big": index scans: 1',
  'pages: 0 removed, 12000 remain, 12000 scanned (100.00% of total)',
  'tuples: 150000 removed, 258000 remain, 0 are dead but not yet removable',
  'removable cutoff: 795, which was 1 XIDs old when operation ended',
  'new relfrozenxid: 793, which is 2 XIDs ahead of previous value',
  'index scan needed: 8824 pages from table (73.53% of total) had 150000 dead item identifiers removed',
  'index "big_id_idx": pages: 1648 in total, 0 newly deleted, 0 currently deleted, 0 reusable',
  'avg read rate: 5.914 MB/s, avg write rate: 26.881 MB/s',
  'buffer usage: 29581 hits, 4944 misses, 22474 dirtied',
  'WAL usage: 28113 records, 19292 full page images, 82713065 bytes',
  'system usage: CPU: user: 0.18 s, system: 0.37 s, elapsed: 6.53 s',
].join('\n');

test('PG 15 autovacuum report, in jsonlog and stderr form', () => {
  for (const message of [PG15_VACUUM, PG15_VACUUM.replace(/\n/g, '\n\t')]) {
    assert.deepEqual(parseAutovacuum(message), {
      operation: 'vacuum', aggressive: false, wraparound: false, database: 'shop', schema: 'public', table: 'big',
      indexScans: 1, pagesRemoved: 0, pagesRemain: 12000, pagesScanned: 12000,
      tuplesRemoved: 150000, tuplesRemain: 258000, tuplesDeadNotRemovable: 0,
      avgReadMBs: 5.914, avgWriteMBs: 26.881, bufferHits: 29581, bufferMisses: 4944, bufferDirtied: 22474,
      walRecords: 28113, walFpi: 19292, walBytes: 82713065, cpuUserS: 0.18, cpuSystemS: 0.37, elapsedS: 6.53,
    });
  }
});

test('aggressive and anti-wraparound vacuums, analyze reports', () => {
  const aggressive = parseAutovacuum('automatic aggressive vacuum of table "template1.pg_catalog.pg_class": index scans: 0\npages: 0 removed, 14 remain, 14 scanned (100.00% of total)')!;
  assert.deepEqual([aggressive.aggressive, aggressive.wraparound, aggressive.schema, aggressive.pagesRemain], [true, false, 'pg_catalog', 14]);
  // wording of PG 12-18
  const wrap = parseAutovacuum('automatic aggressive vacuum to prevent wraparound of table "shop.public.events": index scans: 0')!;
  assert.deepEqual([wrap.aggressive, wrap.wraparound, wrap.table], [true, true, 'events']);

  assert.deepEqual(parseAutovacuum('automatic analyze of table "shop.public.big"\navg read rate: 12.989 MB/s, avg write rate: 25.329 MB/s\nbuffer usage: 14943 hits, 2898 misses, 5651 dirtied\nsystem usage: CPU: user: 0.11 s, system: 0.05 s, elapsed: 1.74 s'), {
    operation: 'analyze', aggressive: false, wraparound: false, database: 'shop', schema: 'public', table: 'big',
    avgReadMBs: 12.989, avgWriteMBs: 25.329, bufferHits: 14943, bufferMisses: 2898, bufferDirtied: 5651,
    cpuUserS: 0.11, cpuSystemS: 0.05, elapsedS: 1.74,
  });
  // wording of PG 10-13
  assert.equal(parseAutovacuum('automatic analyze of table "shop.public.big" system usage: CPU: user: 0.11 s, system: 0.05 s, elapsed: 1.74 s')?.elapsedS, 1.74);
  // The CONTEXT of a cancelled autovacuum names the table only.
  assert.deepEqual(parseAutovacuum('automatic vacuum of table "shop.public.big"'),
    { operation: 'vacuum', aggressive: false, wraparound: false, database: 'shop', schema: 'public', table: 'big' });
});

test('older and newer wordings of the report lines', () => {
  // wording of PG 9.6
  const pg96 = parseAutovacuum([
    'automatic vacuum of table "shop.public.orders": index scans: 1',
    '\tpages: 0 removed, 845 remain, 0 skipped due to pins, 0 skipped frozen',
    '\ttuples: 2500 removed, 50000 remain, 12 are dead but not yet removable',
    '\tbuffer usage: 1773 hits, 0 misses, 847 dirtied',
    '\tavg read rate: 0.000 MB/s, avg write rate: 12.447 MB/s',
    '\tsystem usage: CPU 0.00s/0.01u sec elapsed 0.53 sec',
  ].join('\n'))!;
  assert.deepEqual([pg96.pagesRemain, pg96.pagesScanned, pg96.tuplesDeadNotRemovable, pg96.cpuSystemS, pg96.cpuUserS, pg96.elapsedS],
    [845, undefined, 12, 0, 0.01, 0.53]);
  // wording of PG 13 (oldest xmin)
  const pg13 = parseAutovacuum('automatic vacuum of table "shop.public.orders": index scans: 0\ntuples: 10 removed, 100 remain, 3 are dead but not yet removable, oldest xmin: 5123')!;
  assert.deepEqual([pg13.tuplesRemoved, pg13.tuplesDeadNotRemovable], [10, 3]);
  // wording of PG 17 (reads) and 18 (buffers full)
  const pg18 = parseAutovacuum('automatic vacuum of table "shop.public.orders": index scans: 0\nbuffer usage: 120 hits, 4 reads, 2 dirtied\nWAL usage: 5 records, 1 full page images, 9000 bytes, 0 buffers full')!;
  assert.deepEqual([pg18.bufferMisses, pg18.walBytes], [4, 9000]);
  assert.equal(parseAutovacuum('automatic vacuum of table'), undefined);
});
