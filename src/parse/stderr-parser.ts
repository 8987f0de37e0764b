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
  type UnparsedLine,
  type UnparsedReason,
} from './log-entry.js';
import { PrefixSyntaxError, type PrefixMatch, type PrefixPattern } from './prefix-pattern.js';
import { compiledPrefix } from './prefix-inference.js';
import { applyPrefix } from './prefix-context.js';
import { announcedInLine, announcedPrefix } from './prefix-announcement.js';
import { warnZones, type TimestampConverter } from './timestamp.js';
import { OpenItems, type OpenItem } from './open-items.js';

const HORIZON = 512;
/** Prefixes kept after reloads: a log of many reloads tries no more than these on a line. */
const MAX_PREFIXES = 8;

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
  /**
   * The prefixes a reload announced (prefix-announcement.ts), the latest first, then the
   * one the file began with: a backend takes the new one at its next command, so an old
   * one goes on for a while. The latest is tried first: an older one can read a newer
   * line wrongly (with `%u@%d %a ` added, `%u@%d ` reads the application into the
   * database name).
   */
  let prefixes: PrefixPattern[] = [pattern];

  function match(text: string): PrefixMatch | undefined {
    for (const p of prefixes) {
      const m = p.match(text);
      if (!m) continue;
      const change = m.primary ? announcedPrefix(m.body) : undefined;
      return change === undefined ? m : (adopt(change, text) ?? m);
    }
    const change = announcedInLine(text);
    return change === undefined ? undefined : adopt(change, text);
  }

  /** Takes the prefix announced in `text` from then on; the line read with it, if it can. */
  function adopt(prefix: string, text: string): PrefixMatch | undefined {
    let next: PrefixPattern;
    try {
      next = compiledPrefix(prefix);
    } catch (err) {
      if (err instanceof PrefixSyntaxError) return undefined; // a prefix we cannot read: its lines stay unparsed
      throw err;
    }
    const m = next.match(text);
    if (!m) return undefined;
    if (prefixes[0]!.prefix !== next.prefix) {
      prefixes = [next, ...prefixes.filter((p) => p.prefix !== next.prefix)].slice(0, MAX_PREFIXES);
      sink.warn(`log_line_prefix changed on line ${currentLine}, to '${next.prefix}': the lines after it are read with it`, currentLine);
    }
    return m;
  }

  /** The entries still open, by backend (session id, else pid), and those not passed on yet. */
  const entries = new OpenItems<OpenEntry>(HORIZON, (closed) => {
    if (last === closed) last = undefined;
  });
  const emit = (e: OpenEntry): void => sink.entry(e.entry);
  /** The entry the previous line went to, for TAB continuations. */
  let last: OpenEntry | undefined;
  let currentLine = 0;

  /**
   * The last unparsed line, passed on at the next physical line: a further part of the
   * same physical line (lineCount 0) that is unparsed too joins its text.
   */
  let held: UnparsedLine | undefined;

  function passHeld(): void {
    if (held === undefined) return;
    sink.unparsed(held);
    held = undefined;
  }

  /** Keeps `text` as the unparsed lines it came from: as many records as physical lines. */
  function keepUnparsed(text: string, line: number, lineCount: number, lines: readonly number[] | undefined, reason: UnparsedReason): void {
    if (lineCount === 0) {
      if (held !== undefined) held.text += `\n${text}`;
      else if (last !== undefined && !last.done) append(last, last.lastField, text, 0);
      else sink.unparsed({ line, text, reason }); // nothing to join it to: kept, though its line then counts twice
      return;
    }
    held = { line: lines?.[0] ?? line, text, reason };
    for (let i = 1; i < lineCount; i++) sink.unparsed({ line: lines?.[i] ?? line + i, text: '', reason });
  }

  function append(open: OpenEntry, field: TextField, text: string, lines: number): void {
    const e = open.entry;
    const before = e[field];
    e[field] = before === undefined ? text : `${before}\n${text}`;
    e.lineCount += lines;
    open.lastField = field;
    open.lastLine = currentLine;
    last = open;
  }

  return {
    push(text, line, lineCount = 1, outer?: OuterContext, lines?: readonly number[]) {
      if (lineCount > 0) passHeld();
      currentLine = lines?.at(-1) ?? line + Math.max(lineCount, 1) - 1;
      if (text.charCodeAt(0) === 9 /* TAB */) {
        // stderr puts a TAB after each newline of a message; csvlog and jsonlog don't. Drop it so
        // the stored text is the message itself, the same in every format.
        if (last && !last.done) append(last, last.lastField, text.slice(1), lineCount);
        else keepUnparsed(text, line, lineCount, lines, 'no-prefix');
        entries.drain(currentLine, emit);
        return;
      }
      const m = match(text);
      if (!m) {
        keepUnparsed(text, line, lineCount, lines, 'no-prefix');
        // Lines after a foreign line are no longer continuations of anything (a further
        // part of a physical line that went to an entry was joined to it: that goes on).
        if (lineCount > 0) last = undefined;
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
          append(open, SECONDARY_FIELD[m.level], m.body, lineCount);
        } else {
          keepUnparsed(text, line, lineCount, lines, 'orphan-secondary');
          if (lineCount > 0) last = undefined;
        }
      }
      entries.drain(currentLine, emit);
    },
    flush() {
      passHeld();
      entries.flush(emit);
      last = undefined;
      warnZones(sink, time);
    },
  };
}
