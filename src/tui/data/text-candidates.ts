/**
 * Narrows a text search with the `entry_words` full-text index before LIKE checks the
 * text itself. A search's words must each start a word of the entry (`acc` finds
 * pgbench_accounts, `ccounts` does not): the index holds whole words, so a search
 * word can be looked up as a word prefix, never as the middle of one.
 *
 * The index only proposes: every entry the search can match is among its
 * candidates, and LIKE then keeps those that contain the text. A store without the
 * index (ingested by an older version) or a search without a usable word is
 * scanned instead, as before, matching the text anywhere.
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

/**
 * The full-text query for `text`, or undefined when no word of it narrows the
 * search. A word followed by more of the search is whole in any entry where the
 * search starts a word, so it is looked up as such; the last one may continue in
 * the entry, so it is a prefix, used only when long enough.
 */
export function searchWords(text: string): string | undefined {
  const terms: string[] = [];
  for (const m of text.matchAll(WORD)) {
    // Not lowered: the tokenizer folds the query's ASCII letters as it folded the entries'.
    const word = m[0];
    const whole = m.index + word.length < text.length;
    if (whole) terms.push(`"${word}"`);
    else if (word.length >= MIN_PREFIX) terms.push(`"${word}"*`);
  }
  return terms.length === 0 ? undefined : [...new Set(terms)].join(' AND ');
}

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

function lookUp(db: Store, text: string): TextCandidates {
  const match = searchWords(text);
  if (match === undefined || !hasTable(db, 'entry_words')) return { kind: 'scan' };
  const n = db
    .prepare(`SELECT count(*) FROM (SELECT rowid FROM entry_words WHERE entry_words MATCH ? LIMIT ${MAX_CANDIDATES + 1})`)
    .pluck()
    .get(match) as number;
  if (n === 0) return { kind: 'none' };
  return n <= MAX_CANDIDATES ? { kind: 'few', match } : { kind: 'scan' };
}
