import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineSplitter } from '../../src/input/line-reader.js';
import { createFormatRouter } from '../../src/ingest/format-router.js';
import type { LogEntry, UnparsedLine } from '../../src/parse/log-entry.js';

/** Interleaved backends, a TAB-continued deadlock report, a multi-byte character, CRLF. */
const STDERR = [
  '2026-11-26 16:40:01.100 UTC [16292] app@shop LOG:  process 16292 detected deadlock while waiting for ShareLock on transaction 18020 after 200.123 ms',
  '2026-11-26 16:40:01.100 UTC [16292] app@shop DETAIL:  Process holding the lock: 16287. Wait queue: .',
  '2026-11-26 16:40:01.100 UTC [16300] app@shop LOG:  duration: 0.101 ms  statement: select \'déjà vu ✓\'',
  '2026-11-26 16:40:01.101 UTC [16292] app@shop ERROR:  deadlock detected',
  '2026-11-26 16:40:01.101 UTC [16292] app@shop DETAIL:  Process 16292 waits for ShareLock on transaction 18020; blocked by process 16287.',
  '\tProcess 16287 waits for ShareLock on transaction 18014; blocked by process 16292.',
  '\tProcess 16292: UPDATE t SET v = 1 WHERE id = 25;',
  '\tProcess 16287: UPDATE t SET v = 2 WHERE id = 2;',
  '2026-11-26 16:40:01.101 UTC [16292] app@shop HINT:  See server log for query details.\r',
  '2026-11-26 16:40:01.101 UTC [16292] app@shop STATEMENT:  UPDATE t SET v = 1 WHERE id = 25;',
].join('\n');

const CSV = [
  '2026-11-26 16:40:01.101 UTC,"app","shop",16292,"[local]",6745f1a2.3fa4,5,"UPDATE",2026-11-26 16:40:00 UTC,3/17,18014,ERROR,40P01,"deadlock detected","Process 16292 waits for ShareLock on transaction 18020; blocked by process 16287.',
  'Process 16287 waits for ShareLock on transaction 18014; blocked by process 16292.',
  'Process 16292: UPDATE t SET v = ""x"" WHERE id = 25;',
  'Process 16287: UPDATE t SET v = 2 WHERE id = 2;","See server log for query details.",,,"while updating tuple (0,1) in relation ""t""","UPDATE t SET v = ""x"" WHERE id = 25;",,,"psql","client backend",,0',
  '2026-11-26 16:40:01.200 UTC,"app","shop",16300,"[local]",6745f1a2.3fa5,1,"SELECT",2026-11-26 16:40:00 UTC,4/1,0,LOG,00000,"duration: 0.101 ms  statement: select \'déjà vu ✓\'",,,,,,,,,"psql","client backend",,0',
].join('\n');

function run(text: string, cuts: number[]): { entries: LogEntry[]; unparsed: UnparsedLine[] } {
  const entries: LogEntry[] = [];
  const unparsed: UnparsedLine[] = [];
  const sink = { entry: (e: LogEntry) => entries.push(e), unparsed: (u: UnparsedLine) => unparsed.push(u), warn: () => undefined };
  const router = createFormatRouter(sink, { file: 'test', format: 'auto' }, () => undefined);
  const splitter = createLineSplitter(router, { warn: () => undefined });
  const bytes = Buffer.from(text);
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.subarray(at, cut));
    at = cut;
  }
  splitter.end();
  return { entries, unparsed };
}

for (const [name, text, expectedEntries] of [['stderr', STDERR, 3], ['csvlog', CSV, 2]] as const) {
  test(`${name}: the same input split at every byte offset gives the same entries`, () => {
    const whole = run(text, []);
    assert.equal(whole.entries.length, expectedEntries);
    assert.deepEqual(whole.unparsed, []);
    const length = Buffer.byteLength(text);
    for (let cut = 1; cut < length; cut++) {
      assert.deepEqual(run(text, [cut]), whole, `split at byte ${cut}`);
    }
    // And byte by byte.
    assert.deepEqual(run(text, Array.from({ length: length - 1 }, (_, i) => i + 1)), whole);
  });
}
