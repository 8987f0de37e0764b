/**
 * syslog (log_destination = 'syslog'): PostgreSQL's stderr-style lines inside syslog
 * lines, each message sent in numbered pieces (see syslog-chunks.ts):
 *
 *   Nov 26 16:45:49 vm postgres[4831]: [8-1] 2026-11-26 16:45:49.914 UTC [4831] postgres@postgres ERROR:  relation "missing_table" does not exist at character 28
 *   Nov 26 16:45:49 vm postgres[4831]: [8-2] 2026-11-26 16:45:49.914 UTC [4831] postgres@postgres STATEMENT:  SELECT id,
 *   Nov 26 16:45:49 vm postgres[4831]: [8-3] #011#011balance
 *
 * The adapter undoes the cutting and hands `next` one logical line per line of the
 * message, as stderr would have shown it, with the header's time and pid as outer
 * context. Pieces of different backends interleave, so the state is kept per pid; a
 * message is passed on whole once its backend starts another one (or WINDOW lines
 * later), in the order the messages started, so that a TAB continuation line always
 * follows the line it continues.
 */
import type { EntrySink, LineConsumer, LogicalLineConsumer, OuterContext } from './log-entry.js';
import { continuesPiece } from './syslog-chunks.js';
import { createSyslogLineReader, type SyslogLine } from './syslog-line.js';
import { OpenItems, type OpenItem } from './open-items.js';

/** Pieces of one message are sent by consecutive syslog() calls: they are never far apart. */
const WINDOW = 1000;
const POSTGRES_IDENT = /postgres|postmaster/i;

export interface SyslogOptions {
  file: string;
  tz?: string;
  /** Year of the first line, for BSD timestamps (default: the current year). */
  year?: number;
  /** syslog_ident, when it is not recognisable (idents with `[N-k]` markers are learnt anyway). */
  ident?: string;
}

interface LogicalLine {
  parts: string[];
  /** The physical lines of its pieces: other backends' lines can come between them. */
  lines: number[];
  outer: OuterContext;
}

interface Message extends OpenItem {
  lines: LogicalLine[];
  seq: number | undefined;
  firstChunk: number | undefined;
  chunk: number | undefined;
  lastPiece: string;
}

export function createSyslogAdapter(next: LogicalLineConsumer, sink: EntrySink, opts: SyslogOptions): LineConsumer {
  const read = createSyslogLineReader({
    ...(opts.tz === undefined ? {} : { tz: opts.tz }),
    ...(opts.year === undefined ? {} : { year: opts.year }),
  });
  const idents = new Set<string>(opts.ident === undefined ? [] : [opts.ident]);
  /** By host and pid, the message that may still grow; the messages in the order they started. */
  const messages = new OpenItems<Message>(WINDOW);

  function isPostgres(s: SyslogLine): boolean {
    // Heroku names its processes: web.1, worker.1, heroku-postgres (the database's metrics)…
    if (s.heroku) return s.ident === 'postgres';
    if (idents.has(s.ident)) return true;
    // Every piece PostgreSQL sends carries a marker unless both syslog_sequence_numbers and syslog_split_messages are off.
    if (s.chunk === undefined && !POSTGRES_IDENT.test(s.ident)) return false;
    idents.add(s.ident);
    return true;
  }

  function sameMessage(m: Message, s: SyslogLine): boolean {
    if (s.chunk === undefined || m.chunk === undefined || s.chunk !== m.chunk + 1) return false;
    // Without sequence numbers, `[2]` continues only a message that began with `[1]`.
    return s.seq !== undefined ? m.seq === s.seq : m.seq === undefined && m.firstChunk === 1;
  }

  function logicalLine(s: SyslogLine, line: number): LogicalLine {
    const outer: OuterContext = {};
    if (s.ts !== undefined) outer.ts = s.ts;
    if (s.pid !== undefined) outer.pid = s.pid;
    return { parts: [s.text], lines: [line], outer };
  }

  function emit(m: Message): void {
    for (const l of m.lines) {
      const text = l.parts.length === 1 ? l.parts[0]! : l.parts.join('');
      const lineStart = l.lines[0]!;
      // Counted, not spanned: the lines between its pieces can be other messages' lines.
      const lines = l.lines.length > 1 ? l.lines : undefined;
      if (!text.includes('\n')) {
        next.push(text, lineStart, l.lines.length, l.outer, lines);
        continue;
      }
      // With syslog_split_messages = off the newlines arrive inside one piece (rsyslog's
      // `#012`): the physical lines are counted once, with the first part.
      let count = l.lines.length;
      for (const part of text.split('\n')) {
        if (part === '') continue;
        next.push(part, lineStart, count, l.outer, lines);
        count = 0;
      }
      if (count > 0) next.push('', lineStart, count, l.outer, lines); // newlines only: still its lines
    }
  }

  return {
    push(text, line) {
      const s = read(text);
      if (!s || !isPostgres(s)) {
        sink.unparsed({ line, text, reason: 'no-prefix' });
        messages.drain(line, emit);
        return;
      }
      const key = `${s.host} ${s.pid ?? s.ident}`;
      const m = messages.open(key);
      if (m && sameMessage(m, s)) {
        const current = m.lines[m.lines.length - 1]!;
        if (continuesPiece(m.lastPiece, s.text)) {
          current.parts.push(s.text);
          current.lines.push(line);
        } else {
          m.lines.push(logicalLine(s, line));
        }
        m.chunk = s.chunk;
        m.lastPiece = s.text;
        m.lastLine = line;
      } else {
        const fresh: Message = {
          lines: [logicalLine(s, line)],
          seq: s.seq,
          firstChunk: s.chunk,
          chunk: s.chunk,
          lastPiece: s.text,
          lastLine: line,
          done: s.chunk === undefined, // no marker: nothing can continue it
        };
        messages.start(key, fresh);
      }
      messages.drain(line, emit);
    },
    flush() {
      messages.flush(emit);
      next.flush();
    },
  };
}
