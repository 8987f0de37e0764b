/**
 * Narrows a text search with the `entry_words` full-text index before LIKE checks the
 * text itself. A search's words must each start a word of the entry (`acc` finds
 * pgbench_accounts, `ccounts` does not): the index holds whole words, so a search
 * word can be looked up as a word prefix, never as the middle of one.
 *
 * The index only proposes: every entry the search can match is among its
 * candidates, and LIKE then keeps those that contain the text. A search the index
 * cannot narrow (its words in more than MAX_CANDIDATES entries, or no word long
 * enough) or a store without the index (ingested by an older version) is scanned
 * instead, as before, matching the text anywhere.
 */
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';

/**
 * Beyond this many candidates, reading them all (a row lookup each, then a sort by
 * time: about 40 ms for 5 000 on a 10 M-entry store) costs more than scanning the
 * ordered list for a match, which so many candidates make likely to come soon.
 */
export const MAX_CANDIDATES = 5_000;
/** A prefix this short matches too many words to narrow anything (and each is a lookup). */
const MIN_PREFIX = 3;

export type TextCandidates =
  /** No entry can match: the search is over. */
  | { kind: 'none' }
  /** Few enough to read: `match` is the full-text query that gives them. */
  | { kind: 'few'; match: string }
  /** No narrowing: scan. */
  | { kind: 'scan' };

/**
 * The words of a search as the index's `ascii` tokenizer cuts them: runs of ASCII
 * letters and digits and of non-ASCII characters. Anything else separates words.
 */
const WORD = /[0-9A-Za-z\u0080-\uffff]+/g;

export interface SearchWords {
  /** Words followed by more of the search: whole words of any entry where the search starts a word. */
  whole: string[];
  /** The last word, when the search ends with it and it is long enough: it may continue in the entry. */
  prefix?: string;
}

/** The words of a search, as the index can look them up. */
export function searchWords(text: string): SearchWords {
  const whole = new Set<string>();
  let prefix: string | undefined;
  for (const m of text.matchAll(WORD)) {
    // Not lowered: the tokenizer folds the query's ASCII letters as it folded the entries'.
    const word = m[0];
    if (m.index + word.length < text.length) whole.add(word);
    else if (word.length >= MIN_PREFIX) prefix = word;
  }
  return { whole: [...whole], ...(prefix !== undefined && { prefix }) };
}

/** Words that must all be in the entry, quoted: nothing of the search is query syntax. */
const allOf = (words: readonly string[]) => words.map((w) => `"${w}"`).join(' AND ');
const anyOf = (words: readonly string[]) => `(${words.map((w) => `"${w}"`).join(' OR ')})`;

const cache = new WeakMap<Store, Map<string, TextCandidates>>();

/** What the index says of a search text; remembered per store, since the screens ask on every move. */
export function textCandidates(db: Store, text: string): TextCandidates {
  let known = cache.get(db);
  if (known === undefined) {
    known = new Map();
    cache.set(db, known);
  }
  let c = known.get(text);
  if (c === undefined) {
    c = lookUp(db, text);
    if (known.size >= 100) known.clear();
    known.set(text, c);
  }
  return c;
}

/** A prefix that starts more words than this is looked up as a prefix, whatever it costs. */
const MAX_PREFIX_WORDS = 50;

/**
 * The index's words that start with `prefix` (up to MAX_PREFIX_WORDS + 1), from its
 * vocabulary: a walk of the sorted words, without reading which entries hold them.
 */
function wordsStarting(db: Store, prefix: string): string[] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.entry_words_vocab USING fts5vocab(main, 'entry_words', 'row')`);
  const folded = prefix.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return db
    .prepare(`SELECT term FROM temp.entry_words_vocab WHERE term >= ? AND term < ? LIMIT ${MAX_PREFIX_WORDS + 1}`)
    .pluck()
    .all(folded, `${folded}\u{10FFFF}`) as string[];
}

/**
 * In stages, cheapest first. Whole words stream from the index, and a query stops
 * at the first MAX_CANDIDATES + 1 entries; a prefix query does not: FTS5 merges the
 * lists of every word the prefix starts before it gives the first entry (over
 * 100 ms for a word in every 20th entry of a 10 M-entry store). So the prefix is
 * asked last, only when it can narrow, and as the words it starts when they are few.
 */
function lookUp(db: Store, text: string): TextCandidates {
  const { whole, prefix } = searchWords(text);
  if ((whole.length === 0 && prefix === undefined) || !hasTable(db, 'entry_words')) return { kind: 'scan' };
  const count = (match: string) =>
    db.prepare(`SELECT count(*) FROM (SELECT rowid FROM entry_words WHERE entry_words MATCH ? LIMIT ${MAX_CANDIDATES + 1})`).pluck().get(match) as number;
  const verdict = (match: string, n: number): TextCandidates => (n === 0 ? { kind: 'none' } : n <= MAX_CANDIDATES ? { kind: 'few', match } : { kind: 'scan' });
  const wholeMatch = allOf(whole);
  if (prefix === undefined) return verdict(wholeMatch, count(wholeMatch));
  if (whole.length > 0) {
    // Few already (LIKE checks the prefix on those), or none at all.
    const n = count(wholeMatch);
    if (n <= MAX_CANDIDATES) return verdict(wholeMatch, n);
  }
  const words = wordsStarting(db, prefix);
  if (words.length === 0) return { kind: 'none' };
  const started = words.length > MAX_PREFIX_WORDS ? `"${prefix}"*` : anyOf(words);
  const match = whole.length > 0 ? `${wholeMatch} AND ${started}` : started;
  return verdict(match, count(match));
}
