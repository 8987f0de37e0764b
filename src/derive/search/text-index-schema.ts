/**
 * `entry_words`: a full-text index of every entry's message, statement and DETAIL,
 * so that a text search of millions of entries reads a few postings instead of every
 * row. Contentless (the text stays in `entries`, this holds only the words' lists of
 * entry ids) and without positions (detail=none): about 7 % of the store.
 *
 * The `ascii` tokenizer: a word is a run of ASCII letters and digits and of any
 * non-ASCII characters, folded to lower case for ASCII only, as LIKE folds case;
 * searchWords() (src/tui/data/text-candidates.ts) splits a search the same way.
 */
export const TEXT_INDEX_SCHEMA = `
CREATE VIRTUAL TABLE entry_words USING fts5(text, content = '', detail = none, columnsize = 0, tokenize = 'ascii');
`;

/** What an entry's row in `entry_words` indexes, as an SQL expression over `entries`. */
export const INDEXED_TEXT_SQL = `concat_ws(' ', message, statement, detail)`;
