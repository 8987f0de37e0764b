/**
 * Splits csvlog records into fields, one physical line at a time.
 *
 * PostgreSQL quotes every text field (`"a ""b"""`), leaves numbers and NULLs bare,
 * and writes newlines inside quoted fields as they are, so a record can span lines:
 * the scanner keeps the open quoted field between calls. The common case, a record
 * on one line, costs one indexOf per field and no copying beyond the field slices.
 */

const QUOTE = 34;
const COMMA = 44;

export interface CsvRecordScanner {
  /** Feeds the next physical line (without its newline); true when the record is complete. */
  scan(text: string): boolean;
  /** True between a line that opened a quoted field and the line that closes it. */
  readonly open: boolean;
  /**
   * Fields of the record being read, complete after scan() returned true: the first
   * `count` of them (the array is reused from record to record).
   */
  readonly fields: readonly string[];
  readonly count: number;
  /** True if a closing quote was followed by something other than a comma (never written by PostgreSQL). */
  readonly malformed: boolean;
  /** Forgets the current record. */
  reset(): void;
}

export function createCsvRecordScanner(): CsvRecordScanner {
  const fields: string[] = [];
  let count = 0;
  let open = false;
  let malformed = false;
  // Pieces of the quoted field being read when it spans lines or holds doubled quotes.
  let parts: string[] = [];

  /** Reads a quoted field from `start` (just after its opening quote); index after the closing quote, or -1 if the line ends first. */
  function readQuoted(text: string, start: number): number {
    let from = start;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) {
        parts.push(from === 0 ? text : text.slice(from), '\n');
        open = true;
        return -1;
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        parts.push(text.slice(from, q + 1)); // keep one of the two quotes
        from = q + 2;
        continue;
      }
      const last = text.slice(from, q);
      if (parts.length === 0) {
        fields[count++] = last;
      } else {
        parts.push(last);
        fields[count++] = parts.join('');
        parts = [];
      }
      open = false;
      return q + 1;
    }
  }

  /** After a closing quote (`end` is the index past it): true if the record ends there, else where the next field starts. */
  function afterQuote(text: string, end: number): true | number {
    if (end === text.length) return true;
    if (text.charCodeAt(end) === COMMA) return end + 1;
    // Stray text after a closing quote: keep it in the field so the record still ends where it should.
    malformed = true;
    const c = text.indexOf(',', end);
    fields[count - 1] += c < 0 ? text.slice(end) : text.slice(end, c);
    return c < 0 ? true : c + 1;
  }

  /** Reads fields from `i`, the start of a field; true when the line ends the record. */
  function readFields(text: string, i: number): boolean {
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const end = readQuoted(text, i + 1);
        if (end < 0) return false;
        const next = afterQuote(text, end);
        if (next === true) return true;
        i = next;
      } else {
        const c = text.indexOf(',', i);
        if (c < 0) {
          fields[count++] = i === 0 ? text : text.slice(i);
          return true;
        }
        fields[count++] = text.slice(i, c);
        i = c + 1;
      }
    }
  }

  return {
    scan(text) {
      if (!open) return readFields(text, 0);
      const end = readQuoted(text, 0);
      if (end < 0) return false;
      const next = afterQuote(text, end);
      return next === true || readFields(text, next);
    },
    get open() {
      return open;
    },
    get fields() {
      return fields;
    },
    get count() {
      return count;
    },
    get malformed() {
      return malformed;
    },
    reset() {
      count = 0;
      if (parts.length > 0) parts = [];
      open = false;
      malformed = false;
    },
  };
}
