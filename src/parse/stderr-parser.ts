/**
 * Assembles stderr log lines into entries: a primary message (LOG, ERROR, …) plus
 * the DETAIL/HINT/CONTEXT/STATEMENT/… lines of the same backend, and the
 * TAB-indented continuation lines below any of them.
 *
 * Other backends' lines may interleave, so open entries are kept per backend
 * (session id, else pid) and emitted in the order they started. An entry that
 * has seen no line of its own for HORIZON lines is considered complete: that bounds
 * memory and latency however long the input is.
 */
import {
  newEntry,
  type EntrySink,
  type LogEntry,
  type LogicalLineConsumer,
  type OuterContext,
  type SecondaryLevel,
} from './log-entry.js';
import type { PrefixPattern } from './prefix-pattern.js';
import { applyPrefix } from './prefix-context.js';
import type { TimestampConverter } from './timestamp.js';
import { OpenItems, type OpenItem } from './open-items.js';

const HORIZON = 512;

type TextField = 'message' | 'detail' | 'hint' | 'context' | 'statement' | 'internal_query' | 'location';

const SECONDARY_FIELD: Readonly<Record<SecondaryLevel, TextField>> = {
  DETAIL: 'detail',
  HINT: 'hint',
  QUERY: 'internal_query',
  CONTEXT: 'context',
  STATEMENT: 'statement',
  LOCATION: 'location',
  BACKTRACE: 'location',
};

/** Verbose mode puts the SQLSTATE before the message: `ERROR:  40P01: deadlock detected`. */
const VERBOSE_SQLSTATE = /^([0-9A-Z]{5}): /;

interface OpenEntry extends OpenItem {
  entry: LogEntry;
  lastField: TextField;
}

export interface StderrParserOptions {
  pattern: PrefixPattern;
  time: TimestampConverter;
}

export function createStderrParser(sink: EntrySink, { pattern, time }: StderrParserOptions): LogicalLineConsumer {
  /** The entries still open, by backend (session id, else pid), and those not passed on yet. */
  const entries = new OpenItems<OpenEntry>(HORIZON, (closed) => {
    if (last === closed) last = undefined;
  });
  const emit = (e: OpenEntry): void => sink.entry(e.entry);
  /** The entry the previous line went to, for TAB continuations. */
  let last: OpenEntry | undefined;
  let currentLine = 0;

  function append(open: OpenEntry, field: TextField, text: string, lines: number, line: number): void {
    const e = open.entry;
    const before = e[field];
    e[field] = before === undefined ? text : `${before}\n${text}`;
    e.lineCount += lines;
    open.lastField = field;
    open.lastLine = line + lines - 1;
    last = open;
  }

  return {
    push(text, line, lineCount = 1, outer?: OuterContext) {
      currentLine = line + lineCount - 1;
      if (text.charCodeAt(0) === 9 /* TAB */) {
        // stderr puts a TAB after each newline of a message; csvlog and jsonlog don't. Drop it so
        // the stored text is the message itself, the same in every format.
        if (last && !last.done) append(last, last.lastField, text.slice(1), lineCount, line);
        else for (let i = 0; i < lineCount; i++) sink.unparsed({ line: line + i, text: i === 0 ? text : '', reason: 'no-prefix' });
        entries.drain(currentLine, emit);
        return;
      }
      const m = pattern.match(text);
      if (!m) {
        sink.unparsed({ line, text, reason: 'no-prefix' });
        // Lines after a foreign line are no longer continuations of anything.
        last = undefined;
        entries.drain(currentLine, emit);
        return;
      }
      const f = m.fields;
      const key = f.session_id ?? (f.pid !== undefined ? Number(f.pid) : outer?.pid) ?? '';
      if (m.primary) {
        let message = m.body;
        let sqlstate: string | undefined;
        const verbose = VERBOSE_SQLSTATE.exec(message);
        if (verbose && /\d/.test(verbose[1]!)) {
          sqlstate = verbose[1]!;
          message = message.slice(7);
        }
        const entry = newEntry(m.level, message, line, lineCount);
        applyPrefix(entry, f, time);
        if (sqlstate !== undefined) entry.sqlstate = sqlstate;
        if (outer) {
          if (entry.ts === undefined && outer.ts !== undefined) entry.ts = outer.ts;
          if (entry.pid === undefined && outer.pid !== undefined) entry.pid = outer.pid;
        }
        const open: OpenEntry = { entry, lastField: 'message', lastLine: currentLine, done: false };
        entries.start(key, open);
        last = open;
      } else {
        const open = entries.open(key);
        if (open !== undefined) {
          append(open, SECONDARY_FIELD[m.level], m.body, lineCount, line);
        } else {
          sink.unparsed({ line, text, reason: 'orphan-secondary' });
          last = undefined;
        }
      }
      entries.drain(currentLine, emit);
    },
    flush() {
      entries.flush(emit);
      last = undefined;
    },
  };
}
