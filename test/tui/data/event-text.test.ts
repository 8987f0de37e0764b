/**
 * The events' text filter and search, checked against a plain reading of the fields
 * on the samples' store: with the full-text index (`entry_words`) the text must also
 * start a word of the entry; on a store without it (an older version's) the fields
 * are scanned and the text matches anywhere.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import { eventsFrom, type EventScope } from '../../../src/tui/data/event-query.js';
import { planSearch, searchStep } from '../../../src/tui/data/event-search.js';
import { searchWords, textCandidates, type SearchWords } from '../../../src/tui/data/text-candidates.js';
import { NOT_MIRRORED_SQL } from '../../../src/derive/mirror-files.js';
import { storeWithAndWithout } from '../../helpers/run-ingest.js';
import { SAMPLES } from '../samples.js';

let dir: string;
let indexed: Database.Database;
let plain: Database.Database;
before(async () => {
  ({ dir, withTable: indexed, without: plain } = await storeWithAndWithout(SAMPLES, 'DROP TABLE entry_words'));
});
after(() => {
  indexed.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Texts { id: number; message: string; statement: string | null; detail: string | null }
type Field = keyof Omit<Texts, 'id'>;

/** SQLite folds ASCII letters only: so does the reference. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** Words as the index's `ascii` tokenizer cuts them. */
const wordsOf = (s: string) => foldAscii(s).split(/[^0-9a-z\u0080-\uffff]+/).filter((w) => w !== '');

/** The entries where one of `fields` contains the text (anywhere). */
function containing(fields: readonly Field[], text: string): Texts[] {
  const rows = indexed.prepare(`SELECT id, message, statement, detail FROM entries WHERE ts IS NOT NULL AND ${NOT_MIRRORED_SQL} ORDER BY ts, id`).all() as Texts[];
  const want = foldAscii(text);
  return rows.filter((r) => fields.some((f) => r[f] !== null && foldAscii(r[f]!).includes(want)));
}

/**
 * …and where each word of the text is a word of the entry's message, statement or
 * DETAIL, the last one (when the text ends with it) possibly the start of one.
 */
function startingWords(rows: Texts[], text: string): Texts[] {
  const words = wordsOf(text);
  const last = /[0-9A-Za-z\u0080-\uffff]$/.test(text) ? words.pop() : undefined;
  return rows.filter((r) => {
    const own = new Set(wordsOf([r.message, r.statement, r.detail].filter((t) => t !== null).join(' ')));
    return words.every((w) => own.has(w)) && (last === undefined || last.length < 3 || [...own].some((w) => w.startsWith(last)));
  });
}

const ids = (rows: Texts[]) => rows.map((r) => r.id);

const TEXTS = [
  'deadlock detected',
  'DEADLOCK Detected',
  'application_name=delayed_job',
  'delayed%job', // a literal %, not a wildcard
  'd_layed', // `_` is not a wildcard either
  'balance + 10 where',
  'ShareLock on transaction',
  'ShareLock on trans',
  'deadl', // a word's beginning, looked up as the words it starts
  'Administ',
  'zz-no-such-text-zz',
  // Inside words: found by the scan only.
  'eadlock detected',
  'ccounts',
];

describe('event text', () => {
  for (const text of TEXTS) {
    it(`filter "${text}": the message or statement contains it, ignoring ASCII case (its words starting words, with the index)`, () => {
      const on = (db: Database.Database) => eventsFrom({ db, filter: { text }, window: {} }, null, 100_000).map((e) => e.id);
      const rows = containing(['message', 'statement'], text);
      assert.deepEqual(on(plain), ids(rows));
      assert.deepEqual(on(indexed), ids(startingWords(rows, text)));
    });
    it(`search "${text}": the message, statement or detail contains it (its words starting words, with the index)`, () => {
      const on = (db: Database.Database) => eventsFrom({ db, filter: {}, window: {} }, null, 100_000, { text }).map((e) => e.id);
      const rows = containing(['message', 'statement', 'detail'], text);
      assert.deepEqual(on(plain), ids(rows));
      assert.deepEqual(on(indexed), ids(startingWords(rows, text)));
    });
  }

  it('the samples hold matches for most of these texts, and text inside words that only the scan finds', () => {
    const found = TEXTS.filter((t) => startingWords(containing(['message', 'statement', 'detail'], t), t).length > 0);
    assert.ok(found.length >= 6, found.join(', '));
    for (const t of ['eadlock detected', 'ccounts']) {
      assert.ok(containing(['message', 'statement', 'detail'], t).length > 0, t);
      assert.equal(textCandidates(indexed, t).kind, 'none', t);
    }
  });

  it('a search the index narrows is one step, whatever the step size', () => {
    for (const text of ['deadlock detected', 'zz-no-such-text-zz']) {
      const scope: EventScope = { db: indexed, filter: {}, window: {} };
      assert.notEqual(textCandidates(indexed, text).kind, 'scan');
      const step = searchStep(planSearch(scope, text, true, null), null, 10);
      assert.equal(step.done, true);
      assert.equal(step.found?.id, ids(startingWords(containing(['message', 'statement', 'detail'], text), text))[0]);
    }
  });
});

describe('searchWords: the words of a search, as the index looks them up', () => {
  const cases: Array<[string, SearchWords]> = [
    ['deadlock', { whole: [], prefix: 'deadlock' }],
    ['deadlock detected', { whole: ['deadlock'], prefix: 'detected' }],
    ['deadlock ', { whole: ['deadlock'] }],
    ['pgbench_acc', { whole: ['pgbench'], prefix: 'acc' }],
    ['aid = 5', { whole: ['aid'] }], // a one-letter prefix narrows nothing
    ['to', { whole: [] }],
    ['%', { whole: [] }],
    ['"quoted" words', { whole: ['quoted'], prefix: 'words' }], // quotes are separators, never query syntax
    ['NEAR(a b) OR x*', { whole: ['NEAR', 'a', 'b', 'OR', 'x'] }],
    ['a a a', { whole: ['a'] }],
    ['café crème', { whole: ['café'], prefix: 'crème' }],
  ];
  for (const [text, words] of cases) it(JSON.stringify(text), () => assert.deepEqual(searchWords(text), words));

  it('every query the index is given parses (no syntax left to the search text)', () => {
    for (const [text] of cases) assert.doesNotThrow(() => textCandidates(indexed, text), text);
    for (const text of ['admin', 'deadl', 'deadlock detec', 'zzqx', 'conn', 'process 2']) assert.doesNotThrow(() => textCandidates(indexed, text), text);
  });
});
