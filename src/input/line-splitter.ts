import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { LineConsumer } from '../parse/log-entry.js';
import { nextHighByte, utf8CompleteLength } from './utf8-bytes.js';

/**
 * Turns a byte stream fed in arbitrary chunks into numbered physical lines.
 *
 * Lines end at `\n`; one trailing `\r` is dropped (CRLF logs); a last line
 * without a newline still counts; nothing is ever dropped: invalid UTF-8 reads
 * as U+FFFD and a huge line stays whole. Feeding the same bytes split at any
 * offsets gives the same lines.
 *
 *   const s = createLineSplitter(consumer, hooks);
 *   s.push(Buffer.from('a\r\nb')); s.end();  // consumer gets ('a', 1), ('b', 2), then flush()
 */
export interface LineSplitter {
  push(chunk: Buffer): void;
  /** End of input: emits the unfinished last line, flushes the consumer, reports once-per-input warnings. */
  end(): LineReaderResult;
}

export interface LineReaderResult {
  lines: number;
  bytes: number;
  /** Hex sha256 of the raw content bytes (before decoding). */
  sha256: string;
  /** Hex sha256 of the first N bytes, for each N of `hashPrefixes` the input reached. */
  prefixHashes: ReadonlyMap<number, string>;
}

export interface LineWarnings {
  warn(message: string, line?: number): void;
}

/** Lines longer than this are kept but reported: they are usually a runaway query text or a binary dump. */
export const LONG_LINE_BYTES = 1024 * 1024;

/** Past this a single JS string is close to V8's limit (~2^29 chars); the rest of the line is dropped. */
export const MAX_LINE_CHARS = 2 ** 28;

/**
 * A read is decoded in pieces of at most this many bytes, cut after a newline. A
 * string larger than V8's large-object size (128 KiB) is allocated on pages of its
 * own, mapped afresh and faulted in page by page for every read, then unmapped:
 * decoding 256 KiB reads whole spent 5-6 % of the parsing thread's time in page
 * faults. Smaller strings go to the young generation, whose pages are reused.
 */
const PIECE_BYTES = 96 * 1024;

// ignoreBOM keeps a U+FEFF that starts a chunk: only the one at the start of the input is dropped.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `hashPrefixes`: byte counts at which to take the hash of the content so far as well
 * (the sizes of stored files this input may be a longer copy of: a log that grew).
 */
export function createLineSplitter(consumer: LineConsumer, hooks: LineWarnings, hashPrefixes: readonly number[] = []): LineSplitter {
  const hash = createHash('sha256');
  const prefixes = [...new Set(hashPrefixes)].filter((n) => n > 0).sort((a, b) => a - b);
  const prefixHashes = new Map<number, string>();
  let bytes = 0;
  let line = 0;                     // lines emitted so far
  let carry: Buffer | undefined;    // start of a character cut by the chunk boundary
  let pieces: string[] = [];        // text of the unfinished line, joined once when it ends
  let pendingChars = 0;
  let overflowLine = 0;             // a line that hit MAX_LINE_CHARS
  const invalid = { lines: 0, first: 0, last: 0 };
  const long = { lines: 0, first: 0, firstBytes: 0 };
  const holes = { lines: 0, first: 0, bytes: 0 };
  // Valid non-ASCII chunks: mostly-ASCII ones split line by line, dense ones (localized
  // messages) decode whole; every 16th chunk is split line by line to re-measure.
  const mode = { wholeChunk: false, sinceMeasured: 0 };

  function emit(text: string): void {
    // A BOM from a Windows editor would hide line 1's log_line_prefix; the sha256 still covers it.
    if (++line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.charCodeAt(0) === 0) text = afterHole(text);
    // A UTF-8 byte is at most one UTF-16 unit, and a unit at most 3 bytes: only measure candidates.
    if (text.length * 3 > LONG_LINE_BYTES) noteLong(text);
    consumer.push(text, line);
  }

  function noteLong(text: string): void {
    const size = Buffer.byteLength(text);
    if (size <= LONG_LINE_BYTES) return;
    if (long.lines++ === 0) {
      long.first = line;
      long.firstBytes = size;
    }
  }

  /**
   * A log being written when the machine crashed can keep zero-filled blocks where its
   * last writes were lost, and the server, restarted, appends after them: the first line
   * it wrote then starts with the NULs. They are no text of the log; without them the
   * line (often "database system was interrupted") reads as written. Reported once.
   */
  function afterHole(text: string): string {
    let n = 1;
    while (n < text.length && text.charCodeAt(n) === 0) n++;
    if (holes.lines++ === 0) holes.first = line;
    holes.bytes += n;
    return text.slice(n);
  }

  function markInvalid(lineNo: number): void {
    if (lineNo === invalid.last) return;
    if (invalid.lines++ === 0) invalid.first = lineNo;
    invalid.last = lineNo;
  }

  /** Slow path, only for chunks that failed validation: which lines hold the bad bytes. */
  function locateInvalid(buf: Buffer, end: number): void {
    let lineNo = line + 1;
    for (let start = 0; start <= end; lineNo++) {
      let nl = buf.indexOf(10, start);
      if (nl === -1 || nl > end) nl = end;
      if (!isUtf8(buf.subarray(start, nl))) markInvalid(lineNo);
      start = nl + 1;
    }
  }

  function addPiece(text: string): void {
    if (text.length === 0) return;
    if (pendingChars + text.length > MAX_LINE_CHARS) {
      if (overflowLine !== line + 1) {
        overflowLine = line + 1;
        hooks.warn(`line ${overflowLine} is longer than ${MAX_LINE_CHARS} characters; the rest of it was dropped`, overflowLine);
      }
      text = text.slice(0, MAX_LINE_CHARS - pendingChars);
    }
    pieces.push(text);
    pendingChars += text.length;
  }

  function takePending(tail: string): string {
    if (pieces.length === 0) return tail;
    addPiece(tail);
    const whole = pieces.length === 1 ? pieces[0]! : pieces.join('');
    pieces = [];
    pendingChars = 0;
    return whole;
  }

  function splitText(text: string): void {
    let nl = text.indexOf('\n');
    if (nl === -1) {
      addPiece(text);
      return;
    }
    emit(takePending(text.slice(0, nl)));
    let start = nl + 1;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      emit(text.slice(start, nl));
      start = nl + 1;
    }
    if (start < text.length) addPiece(text.slice(start));
  }

  /**
   * Some bytes are >= 0x80: `latin1` (bytes as chars, so char offsets are byte
   * offsets) still serves the ASCII lines; only lines holding a high byte go
   * through the slower UTF-8 decoder. Newline is ASCII and never inside a
   * multi-byte character, so decoding line by line equals decoding the chunk.
   */
  function splitMixed(buf: Buffer, end: number, latin1: string): void {
    const words = new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2);
    let high = nextHighByte(buf, words, 0, end);
    let lines = 0;
    let utf8Lines = 0;
    const text = (from: number, to: number): string => {
      lines++;
      if (high >= to) return latin1.slice(from, to);
      utf8Lines++;
      high = nextHighByte(buf, words, to, end);
      return buf.toString('utf8', from, to);
    };
    let nl = latin1.indexOf('\n');
    if (nl === -1) {
      addPiece(text(0, end));
    } else {
      emit(takePending(text(0, nl)));
      let start = nl + 1;
      while ((nl = latin1.indexOf('\n', start)) !== -1) {
        emit(text(start, nl));
        start = nl + 1;
      }
      if (start < end) addPiece(text(start, end));
    }
    // Line-by-line UTF-8 costs ~0.5 µs a line: past ~1 line in 5 one decode of the chunk is cheaper.
    mode.wholeChunk = utf8Lines * 5 > lines;
  }

  function decode(buf: Buffer, end: number): void {
    if (end === 0) return;
    const content = end === buf.length ? buf : buf.subarray(0, end);
    // Most logs are pure ASCII, where latin1 decoding is exact and ~10x faster than UTF-8.
    if (isAscii(content)) return splitText(buf.toString('latin1', 0, end));
    if (!isUtf8(content)) {
      locateInvalid(buf, end);
      // Always line by line here: one decoder, so U+FFFD replacement cannot depend on chunking.
      return splitMixed(buf, end, buf.toString('latin1', 0, end));
    }
    if (mode.wholeChunk && ++mode.sinceMeasured % 16 !== 0) return splitText(utf8.decode(content));
    splitMixed(buf, end, buf.toString('latin1', 0, end));
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      let hashed = 0;
      while (prefixes.length > 0 && prefixes[0]! <= bytes + chunk.length) {
        const cut = prefixes.shift()! - bytes;
        hash.update(chunk.subarray(hashed, cut));
        hashed = cut;
        prefixHashes.set(bytes + cut, hash.copy().digest('hex'));
      }
      hash.update(hashed === 0 ? chunk : chunk.subarray(hashed));
      bytes += chunk.length;
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const end = utf8CompleteLength(buf);
      // Copy: the caller may reuse its chunk buffer once push returns.
      carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
      let from = 0;
      while (end - from > PIECE_BYTES) {
        const nl = buf.lastIndexOf(10, from + PIECE_BYTES - 1);
        if (nl < from) break; // a long line: the rest goes whole
        decode(buf.subarray(from, nl + 1), nl + 1 - from);
        from = nl + 1;
      }
      decode(from === 0 ? buf : buf.subarray(from), end - from);
    },

    end() {
      if (carry) {
        decode(carry, carry.length); // a character cut by end of input: U+FFFD, reported as invalid
        carry = undefined;
      }
      if (pieces.length > 0) emit(takePending(''));
      consumer.flush();
      if (invalid.lines > 0) {
        const more = invalid.lines > 1 ? ` (${invalid.lines} lines in all)` : '';
        hooks.warn(`invalid UTF-8 on line ${invalid.first}${more}; the bad bytes read as U+FFFD`, invalid.first);
      }
      if (holes.lines > 0) {
        const which = holes.lines > 1 ? `line ${holes.first} and ${holes.lines - 1} more start` : `line ${holes.first} starts`;
        hooks.warn(`${which} with ${holes.bytes} NUL bytes (a zero-filled hole, as a crash leaves in a log being written); removed`, holes.first);
      }
      if (long.lines > 0) {
        const more = long.lines > 1 ? ` (${long.lines} lines over 1 MiB)` : '';
        hooks.warn(`line ${long.first} is ${mib(long.firstBytes)} long${more}; kept whole`, long.first);
      }
      return { lines: line, bytes, sha256: hash.digest('hex'), prefixHashes };
    },
  };
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
