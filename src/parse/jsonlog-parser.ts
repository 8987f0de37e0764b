/**
 * jsonlog (log_destination = 'jsonlog', PostgreSQL 15+): one JSON object per line.
 *
 *   {"timestamp":"2026-11-26 16:45:50.025 UTC","pid":4837,…,"error_severity":"ERROR","message":"division by zero",…}
 *
 * Lines that are not jsonlog objects become `bad-record` unparsed lines, reported in
 * one warning at the end: a file of junk should not produce a warning per line.
 */
import { excerpt } from './csv-json-fields.js';
import { createJsonEntryMapper } from './json-entry.js';
import type { EntrySink, LineConsumer } from './log-entry.js';

export interface JsonlogOptions {
  file: string;
  tz?: string;
}

const OPEN_BRACE = 123;

export function createJsonlogParser(sink: EntrySink, opts: JsonlogOptions): LineConsumer {
  const mapper = createJsonEntryMapper(sink, opts.tz);
  let bad = 0;
  let firstBad = 0;
  let firstBadText = '';

  return {
    push(text, line) {
      // A blank line is no record but still a line of the file: kept, without a warning.
      if (text.length === 0) return sink.unparsed({ line, text, reason: 'bad-record' });
      // Only an object can be a record: skip JSON.parse (and its exception) for anything else.
      const entry = text.charCodeAt(0) === OPEN_BRACE ? mapper.toEntry(text, line) : undefined;
      if (entry) {
        sink.entry(entry);
        return;
      }
      if (bad++ === 0) {
        firstBad = line;
        firstBadText = text;
      }
      sink.unparsed({ line, text, reason: 'bad-record' });
    },
    flush() {
      if (bad > 0) {
        sink.warn(
          `${bad} line(s) are not jsonlog records (expected one JSON object with error_severity per line), kept as unparsed; first at line ${firstBad}: ${excerpt(firstBadText)}`,
          firstBad,
        );
      }
      mapper.finish();
    },
  };
}
