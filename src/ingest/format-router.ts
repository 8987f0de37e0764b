/**
 * The first stage after line splitting: holds the first lines of an input back,
 * decides its format (and log_line_prefix), then replays them into the right parser.
 */
import { createCsvlogParser } from '../parse/csvlog-parser.js';
import { detectFormat, looksBinaryText } from '../parse/format-detection.js';
import { createJsonlogParser } from '../parse/jsonlog-parser.js';
import type { EntrySink, LineConsumer } from '../parse/log-entry.js';
import { inferPrefix, prefixInstance } from '../parse/prefix-inference.js';
import { compilePrefix, PrefixSyntaxError, type PrefixPattern } from '../parse/prefix-pattern.js';
import { createStderrParser } from '../parse/stderr-parser.js';
import { createSyslogAdapter } from '../parse/syslog-adapter.js';
import { createContainerAdapter } from '../parse/container-adapter.js';
import { detectEnvelope, logStreamOf } from '../parse/container-line.js';
import { createCloudNativePgParser } from '../parse/cloudnative-pg-parser.js';
import { syslogText } from '../parse/syslog-line.js';
import { announcedInLine } from '../parse/prefix-announcement.js';
import { createTimestampConverter } from '../parse/timestamp.js';
import type { Envelope, LogFormat } from '../store/log-format.js';

/** The sniffing pass's sink: the real pass finds all of it again. */
const IGNORE: EntrySink = { entry: () => undefined, unparsed: () => undefined, warn: () => undefined };

const SNIFF_LINES = 400;
const SNIFF_CHARS = 1 << 20;

/**
 * The margin every line of a pasted block starts with: spaces (a Markdown code block,
 * an indented email) and `>` (quoted mail, a quoted comment), e.g. `    ` or `> `.
 * Behind it neither the format nor the log_line_prefix can be read, nor a TAB
 * continuation line told apart: a deadlock's report came apart. Lines that are blank
 * or margin only (`>`) do not count; one line without it and there is none.
 */
export function pastedMargin(lines: readonly string[]): string {
  let margin: string | undefined;
  for (const line of lines) {
    const m = /^[ >]*/.exec(line)![0];
    if (m.length === line.length) continue;
    if (margin === undefined) margin = m;
    else {
      let n = 0;
      while (n < margin.length && n < m.length && margin.charCodeAt(n) === m.charCodeAt(n)) n++;
      margin = margin.slice(0, n);
    }
    if (margin === '') return '';
  }
  return margin ?? '';
}

/**
 * `container`: lines in a container runtime's records; `cloudnative-pg`: the operator's JSON
 * lines. Both are stored as the format inside (stderr, csv) with their envelope.
 */
export type FormatChoice = 'auto' | Exclude<LogFormat, 'unknown'> | 'container' | 'cloudnative-pg';

export interface RouterOptions {
  file: string;
  format: FormatChoice;
  prefix?: string;
  tz?: string;
}

export interface Routed {
  format: LogFormat;
  prefix?: string;
  prefixSource?: 'inferred' | 'given';
  /** What the lines came wrapped in, if anything. */
  envelope?: Envelope;
}

/** Thrown from push() to stop reading an input that must not be ingested. */
export class RejectedInput extends Error {
  constructor(
    message: string,
    readonly reason: 'binary' | 'wrong-prefix' | 'bad-prefix',
  ) {
    super(message);
  }
}

export function createFormatRouter(sink: EntrySink, options: RouterOptions, onRouted: (r: Routed) => void): LineConsumer {
  const held: Array<[string, number]> = [];
  let heldChars = 0;
  let target: LineConsumer | undefined;

  function decide(): LineConsumer {
    const sample = held.map(([text]) => text);
    if (looksBinaryText(sample.join('\n').slice(0, 8192))) {
      throw new RejectedInput(`${options.file}: binary data, not a text log; skipped`, 'binary');
    }
    const format = options.format === 'auto' ? detectFormat(sample) : options.format;
    const time = createTimestampConverter(options.tz);
    const fileOpts = options.tz === undefined ? { file: options.file } : { file: options.file, tz: options.tz };
    switch (format) {
      case 'csv':
        onRouted({ format });
        return createCsvlogParser(sink, fileOpts);
      case 'json':
        onRouted({ format });
        return createJsonlogParser(sink, fileOpts);
      case 'syslog': {
        const inner = sample.map((l) => syslogText(l)).filter((l): l is string => l !== undefined);
        const { pattern, routed } = choosePrefix(inner, 'syslog', options, (m) => sink.warn(m));
        onRouted(routed);
        return createSyslogAdapter(createStderrParser(sink, { pattern, time }), sink, fileOpts);
      }
      case 'container': {
        // Forced with --format container, the lines may be in no envelope: then they are unparsed.
        const envelope = detectEnvelope(sample) ?? 'timestamps';
        const stream = logStreamOf(envelope, sample);
        // The prefix is sniffed from whole lines: the runtime cuts long ones into records.
        const inner: string[] = [];
        const sniff = createContainerAdapter({ push: (text) => inner.push(text), flush: () => undefined }, IGNORE, envelope, stream);
        held.forEach(([text, line]) => sniff.push(text, line));
        sniff.flush();
        if (detectFormat(inner) === 'cloudnative-pg') {
          onRouted({ format: 'csv', envelope: `${envelope} cloudnative-pg` });
          return createContainerAdapter(createCloudNativePgParser(sink, fileOpts), sink, envelope, stream);
        }
        const { pattern, routed } = choosePrefix(inner, 'stderr', options, (m) => sink.warn(m));
        onRouted({ ...routed, envelope });
        return createContainerAdapter(createStderrParser(sink, { pattern, time }), sink, envelope, stream);
      }
      case 'cloudnative-pg':
        // csvlog's records, by name, in the operator's JSON lines: stored as csv.
        onRouted({ format: 'csv', envelope: 'cloudnative-pg' });
        return createCloudNativePgParser(sink, fileOpts);
      case 'stderr': {
        const { pattern, routed } = choosePrefix(sample, 'stderr', options, (m) => sink.warn(m));
        onRouted(routed);
        return createStderrParser(sink, { pattern, time });
      }
      case 'unknown':
        // Reported once per run by the command (a folder may hold many READMEs), not per file here.
        onRouted({ format: 'unknown' });
        return {
          push: (text, line) => sink.unparsed({ line, text, reason: 'unknown-format' }),
          flush: () => undefined,
        };
    }
  }

  /** Cut off every line that has it (see pastedMargin), unless a prefix given with --prefix starts with it. */
  let margin = '';
  const cut = (text: string): string => (text.startsWith(margin) ? text.slice(margin.length) : text);

  function route(): void {
    margin = pastedMargin(held.map(([text]) => text));
    if (options.prefix?.startsWith(margin)) margin = '';
    if (margin !== '') {
      for (const h of held) h[0] = cut(h[0]);
      sink.warn(`every line starts with '${margin}' (a pasted block, indented or quoted): read without it`);
    }
    target = decide();
    for (const [text, line] of held) target.push(text, line);
    held.length = 0;
  }

  return {
    push(text, line) {
      if (target) return target.push(margin === '' ? text : cut(text), line);
      held.push([text, line]);
      heldChars += text.length;
      if (held.length >= SNIFF_LINES || heldChars >= SNIFF_CHARS) route();
    },
    flush() {
      if (!target) route();
      target!.flush();
    },
  };
}

/**
 * The lines before the first that announces a new log_line_prefix (prefix-announcement.ts):
 * the ones the file's first prefix is read from (the parser takes the new one there).
 */
function beforeAnnouncement(sample: readonly string[]): readonly string[] {
  const at = sample.findIndex((l) => announcedInLine(l) !== undefined);
  const before = at < 0 ? sample : sample.slice(0, at);
  return before.some((l) => prefixInstance(l) !== undefined) ? before : sample;
}

function choosePrefix(
  whole: readonly string[],
  format: 'stderr' | 'syslog',
  options: RouterOptions,
  warn: (message: string) => void,
): { pattern: PrefixPattern; routed: Routed } {
  const sample = beforeAnnouncement(whole);
  const inferred = inferPrefix(sample);
  const marked = sample.filter((l) => prefixInstance(l) !== undefined);
  if (options.prefix === undefined) {
    const prefix = inferred?.prefix ?? '';
    // The best of the candidates can still be wrong (lines in a wrapper of no known kind):
    // its fields would then be read from the wrong places, so say so rather than guess quietly.
    if (inferred === undefined && marked.length > 0) {
      warn(
        `no log_line_prefix could be inferred: none reads any of the first ${marked.length} lines that carry a level ` +
          `(LOG:, ERROR:…), which are kept as unparsed lines; if you know the server's log_line_prefix, give it with --prefix`,
      );
    } else if (inferred && inferred.matched * 2 < inferred.candidates) {
      warn(
        `the log_line_prefix inferred, '${prefix}', reads only ${inferred.matched} of the first ${inferred.candidates} lines ` +
          `that carry a level (LOG:, ERROR:…); if the server's log_line_prefix is another, give it with --prefix`,
      );
    }
    return { pattern: inferred?.pattern ?? compilePrefix(''), routed: { format, prefix, prefixSource: 'inferred' } };
  }
  let pattern: PrefixPattern;
  try {
    pattern = compilePrefix(options.prefix);
  } catch (err) {
    if (err instanceof PrefixSyntaxError) throw new RejectedInput(`${options.file}: ${err.message}`, 'bad-prefix');
    throw err;
  }
  const matched = marked.filter((l) => pattern.match(l) !== undefined).length;
  if (marked.length > 0 && matched * 2 < marked.length) {
    const suggestion = inferred && inferred.matched > matched ? ` They look like '${inferred.prefix}': try --prefix '${inferred.prefix}', or leave --prefix out.` : ' Leave --prefix out to infer it.';
    throw new RejectedInput(
      `${options.file}: --prefix '${options.prefix}' matches ${matched} of the first ${marked.length} log lines.${suggestion}`,
      'wrong-prefix',
    );
  }
  return { pattern, routed: { format, prefix: options.prefix, prefixSource: 'given' } };
}
