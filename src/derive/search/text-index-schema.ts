/**
 * `entry_words`: a full-text index of every entry's message, statement and DETAIL,
 * so that a text search of millions of entries reads a few postings instead of every
 * row. Contentless (the text stays in `entries`, this holds only the words' lists of
 * entry ids) and without positions (detail=none): about 7 % of the store.
 *
 * The `ascii` tokenizer: a word is a run of ASCII letters and digits and of any
 * non-ASCII characters, folded to lower case for ASCII only, as LIKE folds case;
 * searchWords() (src/tui/data/text-candidates.ts) splits a search the same way.
 *
 * Built in bulk, FTS5 spends most of its time merging the segments it flushes each
 * time its pending words reach `hashsize` (1 MB by default), four at a level
 * (`automerge`). With 8 MB and eight, on the 320 MB bench log's 2.3 million entries:
 * 2.6–2.7 CPU-seconds instead of 4.3–5.4, 9 MB more memory during the build, and a
 * smaller index (64 MB, not 68). The settings are stored with the index.
 */
export const TEXT_INDEX_SCHEMA = `
CREATE VIRTUAL TABLE entry_words USING fts5(text, content = '', detail = none, columnsize = 0, tokenize = 'ascii');
INSERT INTO entry_words (entry_words, rank) VALUES ('hashsize', 8388608);
INSERT INTO entry_words (entry_words, rank) VALUES ('automerge', 8);
`;

/** What an entry's row in `entry_words` indexes, as an SQL expression over `entries`. */
export const INDEXED_TEXT_SQL = `concat_ws(' ', message, statement, detail)`;
