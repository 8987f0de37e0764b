import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckpointStart } from '../../src/classify/messages/parse-checkpoint-start.js';
import { parseCheckpointComplete } from '../../src/classify/messages/parse-checkpoint-complete.js';

test('checkpoint and restartpoint starts: flags and reason', () => {
  const cases: Array<[string, ReturnType<typeof parseCheckpointStart>]> = [
    ['checkpoint starting: immediate force wait', { point: 'checkpoint', flags: ['immediate', 'force', 'wait'], reason: 'requested' }],
    ['checkpoint starting: end-of-recovery immediate wait', { point: 'checkpoint', flags: ['end-of-recovery', 'immediate', 'wait'], reason: 'end-of-recovery' }],
    ['checkpoint starting: shutdown immediate', { point: 'checkpoint', flags: ['shutdown', 'immediate'], reason: 'shutdown' }],
    ['checkpoint starting: wal', { point: 'checkpoint', flags: ['wal'], reason: 'wal' }],
    ['checkpoint starting: time', { point: 'checkpoint', flags: ['time'], reason: 'time' }],
    ['checkpoint starting: force', { point: 'checkpoint', flags: ['force'], reason: 'requested' }],
    ['restartpoint starting: immediate wait', { point: 'restartpoint', flags: ['immediate', 'wait'], reason: 'requested' }],
    // wording of PG 19 development (the immediate flag renamed fast)
    ['checkpoint starting: fast force wait', { point: 'checkpoint', flags: ['fast', 'force', 'wait'], reason: 'requested' }],
    // wording of PG 9.6 (xlog before the WAL renaming of 10)
    ['checkpoint starting: xlog', { point: 'checkpoint', flags: ['xlog'], reason: 'wal' }],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseCheckpointStart(message), expected, message);
});

test('checkpoint complete: every figure, across versions', () => {
  const pg15 = 'checkpoint complete: wrote 4855 buffers (29.6%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.243 s, sync=0.245 s, total=0.533 s; sync files=932, longest=0.015 s, average=0.001 s; distance=31742 kB, estimate=31742 kB';
  assert.deepEqual(parseCheckpointComplete(pg15), {
    point: 'checkpoint', buffers: 4855, buffersPct: 29.6, walAdded: 0, walRemoved: 0, walRecycled: 0,
    writeS: 0.243, syncS: 0.245, totalS: 0.533, syncFiles: 932, longestS: 0.015, averageS: 0.001, distanceKb: 31742, estimateKb: 31742,
  });
  const restart = 'restartpoint complete: wrote 1 buffers (0.0%); 0 WAL file(s) added, 0 removed, 1 recycled; write=0.001 s, sync=0.001 s, total=0.003 s; sync files=0, longest=0.000 s, average=0.000 s; distance=16383 kB, estimate=16383 kB';
  assert.equal(parseCheckpointComplete(restart)?.point, 'restartpoint');
  assert.equal(parseCheckpointComplete(restart)?.walRecycled, 1);

  // wording of PG 17
  const pg17 = 'checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.101 s, sync=0.002 s, total=0.106 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/14E8CA0, redo lsn=0/14E8C48';
  assert.deepEqual([parseCheckpointComplete(pg17)?.lsn, parseCheckpointComplete(pg17)?.redoLsn], ['0/14E8CA0', '0/14E8C48']);
  // wording of PG 18
  const pg18 = 'checkpoint complete: wrote 47 buffers (0.3%), wrote 3 SLRU buffers; 0 WAL file(s) added, 0 removed, 0 recycled; write=0.009 s, sync=0.004 s, total=0.021 s; sync files=36, longest=0.001 s, average=0.001 s; distance=343 kB, estimate=343 kB; lsn=0/1783328, redo lsn=0/17832D0';
  const c18 = parseCheckpointComplete(pg18)!;
  assert.deepEqual([c18.buffers, c18.buffersPct, c18.slruBuffers, c18.syncFiles, c18.redoLsn], [47, 0.3, 3, 36, '0/17832D0']);
  // wording of PG 9.6
  const pg96 = 'checkpoint complete: wrote 12 buffers (0.1%); 0 transaction log file(s) added, 0 removed, 1 recycled; write=1.105 s, sync=0.004 s, total=1.118 s; sync files=9, longest=0.002 s, average=0.000 s; distance=16384 kB, estimate=16384 kB';
  assert.deepEqual([parseCheckpointComplete(pg96)?.walRecycled, parseCheckpointComplete(pg96)?.totalS], [1, 1.118]);
  // wording of PG 9.4 (no sync files, distance or estimate yet)
  const old = 'checkpoint complete: wrote 7 buffers (0.0%); 0 transaction log file(s) added, 0 removed, 0 recycled; write=0.601 s, sync=0.002 s, total=0.607 s';
  const c = parseCheckpointComplete(old)!;
  assert.equal(c.syncFiles, undefined);
  assert.equal(c.distanceKb, undefined);
  assert.equal(parseCheckpointComplete('checkpoint starting: time'), undefined);
});
