/**
 * Value conversions shared by the csvlog and jsonlog parsers: PostgreSQL prints
 * the same context values in both, only the framing differs.
 */
import { isSeverity, type EntrySink, type Severity } from './log-entry.js';
import type { TimestampConverter } from './timestamp.js';

/** "2026-11-26 16:40:00.123 UTC" → UTC ISO; the zone is whatever follows the last space. */
export function pgTimeToUtc(time: TimestampConverter, text: string): string | undefined {
  const space = text.lastIndexOf(' ');
  // The space at index 10 separates date and time: no zone printed.
  if (space <= 10) return time.toUtc(text);
  return time.toUtc(text.slice(0, space), text.slice(space + 1));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * pgTimeToUtc for one log time after another. Consecutive entries mostly share their
 * minute and zone, and then only the seconds need copying: converting every time
 * costs a fifth of the csvlog parser.
 */
export function createLogTimeReader(time: TimestampConverter): (text: string) => string | undefined {
  let minute = ''; // "2026-11-26 16:45" of the previous time
  let zone = ''; // " UTC", with its space
  let utcMinute = ''; // "2026-11-26T16:45" in UTC
  return (text) => {
    // ":SS.mmm" between the minute and the zone, as %m prints it.
    const n = text.length;
    if (
      minute !== '' && n === 23 + zone.length && text.startsWith(minute) && text.endsWith(zone) && text.charCodeAt(16) === 58 &&
      // Seconds 00–59: past that, the slow path refuses the time.
      isDigit(text.charCodeAt(17)) && text.charCodeAt(17) <= 53 && isDigit(text.charCodeAt(18)) && text.charCodeAt(19) === 46 &&
      isDigit(text.charCodeAt(20)) && isDigit(text.charCodeAt(21)) && isDigit(text.charCodeAt(22))
    ) {
      return `${utcMinute}${text.slice(16, 23)}Z`;
    }
    const utc = pgTimeToUtc(time, text);
    const space = text.lastIndexOf(' ');
    if (utc !== undefined && space === 23) {
      minute = text.slice(0, 16);
      zone = text.slice(space);
      utcMinute = utc.slice(0, 16);
    }
    return utc;
  };
}

/**
 * Session start times repeat on every line of a session. They get their own converter so
 * that these older instants do not disturb the daylight-saving memory of the main one.
 */
export function createSessionStartReader(time: TimestampConverter): (text: string) => string | undefined {
  // Lines of concurrent sessions interleave: remember more than the last one.
  const cache = new Map<string, string | undefined>();
  let lastText = '';
  let lastUtc: string | undefined;
  return (text) => {
    if (text === lastText) return lastUtc;
    let utc = cache.get(text);
    if (utc === undefined && !cache.has(text)) {
      if (cache.size >= 4096) cache.clear();
      utc = pgTimeToUtc(time, text);
      cache.set(text, utc);
    }
    lastText = text;
    lastUtc = utc;
    return utc;
  };
}

/**
 * csvlog translates the severity when lc_messages is not English (`FEHLER`); such
 * entries are kept as LOG, with one warning per unknown word.
 */
export function createSeverityReader(sink: EntrySink, format: string): (text: string, line: number) => Severity {
  const unknown = new Set<string>();
  return (text, line) => {
    if (isSeverity(text)) return text;
    if (!unknown.has(text)) {
      unknown.add(text);
      sink.warn(`unknown ${format} severity ${JSON.stringify(excerpt(text))}, expected one of LOG, ERROR, FATAL…; kept as LOG (translated lc_messages?)`, line);
    }
    return 'LOG';
  };
}

/** Decimal integer, or undefined for empty or malformed text. */
export function toInt(text: string): number | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

/** csvlog prints `host:port`; the rest of pgautopsy uses `%r`'s `host(port)`. */
export function clientFromCsv(text: string): string {
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || colon === text.length - 1) return text;
  for (let i = colon + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return text;
  }
  return `${text.slice(0, colon)}(${text.slice(colon + 1)})`;
}

/** The first `max` characters of a line for a message, marked when cut. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * stderr appends the error position to the message (" at character 15": the cursor
 * position in the query, else in the internal query); csvlog and jsonlog keep it in a
 * field of its own. Appending it here makes the stored message the same in every format.
 */
export function withPosition(message: string, cursor: unknown, internal: unknown): string {
  const position = positive(cursor) ?? positive(internal);
  return position === undefined ? message : `${message} at character ${position}`;
}

function positive(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
