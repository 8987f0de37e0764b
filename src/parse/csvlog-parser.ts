/**
 * csvlog (log_destination = 'csvlog'): one CSV record per entry, fed one physical line
 * at a time. A record spans several lines when a quoted field holds newlines
 * (multi-line queries, deadlock details).
 *
 *   2026-11-26 16:45:50.025 UTC,"postgres","postgres",4837,"127.0.0.1:37698",…,ERROR,22012,"division by zero",…
 *
 * Records that do not decode become `bad-record` unparsed lines. An unterminated
 * quote must not swallow the rest of the file: the record is abandoned when a later
 * line is a complete record by itself, or past MAX_RECORD_LINES / MAX_RECORD_CHARS.
 */
import { createCsvEntryMapper, isCsvLayout } from './csv-entry.js';
import { excerpt } from './csv-json-fields.js';
import { createCsvRecordScanner } from './csv-record-scanner.js';
import type { EntrySink, LineConsumer } from './log-entry.js';

/** Every csvlog record starts with its log_time. */
const RECORD_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
const MAX_RECORD_LINES = 100_000;
const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Problems reported one by one; beyond that only counted (a junk file must not flood the report). */
const LISTED_PROBLEMS = 10;

export interface CsvlogOptions {
  file: string;
  tz?: string;
}

export function createCsvlogParser(sink: EntrySink, opts: CsvlogOptions): LineConsumer {
  const scanner = createCsvRecordScanner();
  const probe = createCsvRecordScanner();
  const mapper = createCsvEntryMapper(sink, opts.tz);
  let held: string[] = []; // physical lines of the record being read, once it spans more than one
  let heldChars = 0;
  let start = 0;
  let skipping = false; // after giving up on a record: until the next line that starts one
  let problems = 0;
  let firstUnlisted = 0;

  function problem(message: string, line: number): void {
    if (++problems <= LISTED_PROBLEMS) sink.warn(message, line);
    else if (firstUnlisted === 0) firstUnlisted = line;
  }

  function unparsed(lines: readonly string[], first: number): void {
    for (let i = 0; i < lines.length; i++) sink.unparsed({ line: first + i, text: lines[i]!, reason: 'bad-record' });
  }

  /** The scanner has a whole record; `held` holds its lines unless it was a single line (`text`). */
  function complete(text: string, last: number): void {
    const count = scanner.count;
    if (!scanner.malformed && isCsvLayout(count)) {
      sink.entry(mapper.toEntry(scanner.fields, count, start, last - start + 1));
    } else {
      const what = scanner.malformed ? 'text after a closing quote' : `${count} columns`;
      const lines = held.length > 0 ? held : [text];
      problem(`bad csvlog record at line ${start}: expected 23, 24 or 26 columns, got ${what}: ${excerpt(lines[0]!)}`, start);
      unparsed(lines, start);
    }
    scanner.reset();
    if (held.length > 0) held = [];
    heldChars = 0;
  }

  function abandon(why: string): void {
    problem(`csvlog record at line ${start} ${why}; its ${held.length} line(s) kept as unparsed: ${excerpt(held[0]!)}`, start);
    unparsed(held, start);
    scanner.reset();
    held = [];
    heldChars = 0;
  }

  /** A line inside an open record that is itself a whole record means the open quote was never closed. */
  function isWholeRecord(text: string): boolean {
    if (!RECORD_START.test(text)) return false;
    probe.reset();
    return probe.scan(text) && !probe.malformed && isCsvLayout(probe.count);
  }

  function startRecord(text: string, line: number): void {
    // PostgreSQL writes no blank line between records, but an edited or pasted file can have
    // one: no record, still a line of the file, kept without a warning.
    if (text.length === 0) return sink.unparsed({ line, text, reason: 'bad-record' });
    if (skipping) {
      if (!RECORD_START.test(text)) {
        sink.unparsed({ line, text, reason: 'bad-record' });
        return;
      }
      skipping = false;
    }
    start = line;
    if (scanner.scan(text)) complete(text, line);
    else {
      held.push(text);
      heldChars = text.length;
    }
  }

  function continueRecord(text: string, line: number): void {
    if (isWholeRecord(text)) {
      abandon(`has an unterminated quoted field (line ${line} starts a new record)`);
      startRecord(text, line);
      return;
    }
    held.push(text);
    heldChars += text.length;
    if (scanner.scan(text)) complete(text, line);
    else if (held.length >= MAX_RECORD_LINES || heldChars >= MAX_RECORD_CHARS) {
      abandon(`is still open after ${held.length} lines (unterminated quote?); skipping to the next line that starts a record`);
      skipping = true;
    }
  }

  return {
    push(text, line) {
      if (scanner.open) continueRecord(text, line);
      else startRecord(text, line);
    },
    flush() {
      if (scanner.open) abandon('is not terminated at end of input (truncated file?)');
      if (problems > LISTED_PROBLEMS) {
        sink.warn(`${problems - LISTED_PROBLEMS} more bad csvlog records not listed, the first at line ${firstUnlisted}`, firstUnlisted);
      }
      mapper.finish();
    },
  };
}
