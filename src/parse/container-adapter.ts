/**
 * PostgreSQL's lines as a container runtime stored them (see container-line.ts): the
 * adapter takes each record's text out, joins the records of a line the runtime cut,
 * and hands `next` (the stderr parser, or CloudNativePG's) one line at a time, with the
 * record's time as outer context (used when the log_line_prefix prints none).
 *
 * A cut line's pieces follow each other within their stream (stdout or stderr); the
 * other stream's records may come between them. Those are kept as unparsed lines
 * without passing through the parser: an entrypoint's chatter on stdout must not end
 * the entry whose TAB continuation lines come next on stderr.
 */
import type { EntrySink, LineConsumer, LogicalLineConsumer, OuterContext } from './log-entry.js';
import { createContainerLineReader, type ContainerEnvelope } from './container-line.js';
import { MAX_LINE_CHARS } from '../input/line-splitter.js';

interface CutLine {
  parts: string[];
  chars: number;
  /** The physical lines of its pieces. */
  lines: number[];
  outer: OuterContext;
}

export function createContainerAdapter(next: LogicalLineConsumer, sink: EntrySink, envelope: ContainerEnvelope, logStream?: string): LineConsumer {
  const read = createContainerLineReader(envelope);
  /** By stream, the line whose pieces are still coming. */
  const cut = new Map<string, CutLine>();

  function pass(l: CutLine): void {
    const text = l.parts.length === 1 ? l.parts[0]! : l.parts.join('');
    next.push(text, l.lines[0]!, l.lines.length, l.outer, l.lines.length > 1 ? l.lines : undefined);
  }

  return {
    push(text, line) {
      const r = read(text);
      if (!r || (logStream !== undefined && r.stream !== logStream)) {
        sink.unparsed({ line, text, reason: 'no-prefix' });
        return;
      }
      let l = cut.get(r.stream);
      if (l === undefined) {
        const outer: OuterContext = r.ts === undefined ? {} : { ts: r.ts };
        l = { parts: [r.text], chars: r.text.length, lines: [line], outer };
      } else {
        l.parts.push(r.text);
        l.chars += r.text.length;
        l.lines.push(line);
      }
      // A line past the line splitter's own bound is passed on as it is, rest to follow.
      if (r.complete || l.chars >= MAX_LINE_CHARS) {
        cut.delete(r.stream);
        pass(l);
      } else {
        cut.set(r.stream, l);
      }
    },
    flush() {
      // A cut line whose last piece never came (the log was copied while being written).
      for (const l of cut.values()) pass(l);
      cut.clear();
      next.flush();
    },
  };
}
