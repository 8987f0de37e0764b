/** The events' text filter and search: what a plain reading of the fields finds, on the samples' store. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../../src/store/open-store.js';
import { eventsFrom, type EventScope } from '../../../src/tui/data/event-query.js';
import { NOT_MIRRORED_SQL } from '../../../src/derive/mirror-files.js';
import { sampleStore } from '../tui-harness.js';

let store: { dbPath: string; db: Store };
before(async () => {
  store = await sampleStore();
});
after(() => store.db.close());

interface Texts { id: number; message: string; statement: string | null; detail: string | null }

/** SQLite folds ASCII letters only: so does the reference. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function expected(fields: ReadonlyArray<keyof Omit<Texts, 'id'>>, text: string): number[] {
  const rows = store.db.prepare(`SELECT id, message, statement, detail FROM entries WHERE ts IS NOT NULL AND ${NOT_MIRRORED_SQL} ORDER BY ts, id`).all() as Texts[];
  const want = foldAscii(text);
  return rows.filter((r) => fields.some((f) => r[f] !== null && foldAscii(r[f]!).includes(want))).map((r) => r.id);
}

const TEXTS = [
  'deadlock detected',
  'DEADLOCK Detected',
  'application_name=delayed_job',
  'delayed%job', // a literal %, not a wildcard
  'd_layed', // `_` is not a wildcard either
  'balance + 10 where',
  'ShareLock on transaction',
  'zz-no-such-text-zz',
];

describe('event text', () => {
  for (const text of TEXTS) {
    it(`filter "${text}": the message or statement contains it, ignoring ASCII case`, () => {
      const scope: EventScope = { db: store.db, filter: { text }, window: {} };
      assert.deepEqual(eventsFrom(scope, null, 100_000).map((e) => e.id), expected(['message', 'statement'], text));
    });
    it(`search "${text}": the message, statement or detail contains it`, () => {
      const scope: EventScope = { db: store.db, filter: {}, window: {} };
      assert.deepEqual(eventsFrom(scope, null, 100_000, { text }).map((e) => e.id), expected(['message', 'statement', 'detail'], text));
    });
  }
  it('the samples hold matches for most of these texts, so the comparisons mean something', () => {
    const found = TEXTS.filter((t) => expected(['message', 'statement', 'detail'], t).length > 0);
    assert.ok(found.length >= 5, found.join(', '));
  });
});
