/**
 * Takes one syslog file line apart: the daemon's header, PostgreSQL's chunk marker
 * and the text PostgreSQL sent.
 *
 *   Nov 26 16:45:49 vm postgres[4831]: [8-3] #011#011balance                     (rsyslog, BSD)
 *   2026-11-26T16:45:31.850201+00:00 vm postgres[4699]: [1-1] 2026-11-26 …        (rsyslog high precision)
 *   Nov 26 16:48:13 vm pgprod[5572]: [2] 2026-11-26 …                            (syslog_sequence_numbers off)
 *   Nov 26 16:40:00 host postgres[123]: 2026-11-26 …                             (journald, no marker)
 *   <134>1 2026-11-28T02:35:54.560194+00:00 vm postgres 3868 - -  [1-1] user=…    (RFC 5424: relays, collectors)
 */
import { createSyslogYear } from './syslog-year.js';
import { createTimestampConverter, type TimestampConverter } from './timestamp.js';

export interface SyslogLine {
  ts?: string; // UTC ISO
  host: string;
  ident: string;
  pid?: number;
  /** From `[seq-chunk]`; absent with syslog_sequence_numbers = off. */
  seq?: number;
  /** From `[seq-chunk]` or `[chunk]`; absent when PostgreSQL wrote no marker. */
  chunk?: number;
  /** PostgreSQL's text after the marker, with rsyslog's `#ooo` escapes undone. */
  text: string;
}

export interface SyslogLineOptions {
  tz?: string;
  year?: number;
  now?: Date;
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

// Optional `<PRI>` (raw captures), then the timestamp, host, and tag `ident[pid]:`.
const TAG = String.raw` (\S+) ([^\s\[\]:]+)(?:\[(\d+)\])?: ?`;
const BSD = new RegExp(String.raw`^(?:<\d{1,3}>)?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d(?:\.\d{1,9})?)` + TAG);
const ISO = new RegExp(
  String.raw`^(?:<\d{1,3}>)?(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d(?::?\d\d)?)?` + TAG,
);
/**
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`, its
 * groups numbered as ISO's (date, time, zone, host, ident, pid: PROCID when a number).
 * The message may start with a byte-order mark, and rsyslog keeps the space PostgreSQL's
 * text had after the tag.
 */
const RFC5424 =
  /^<\d{1,3}>1 (\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:\d\d) (\S+) (\S+) (?:(\d+)|\S+) \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: \uFEFF?)? ?/;
const MARKER = /^\[(\d+)(?:-(\d+))?\](?: |$)/;
/** rsyslog escapes control characters as `#` and three octal digits (TAB is `#011`). */
const ESCAPE = /#(0[0-3][0-7]|177)/g;

export function unescapeSyslog(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(ESCAPE, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

interface Header {
  m: RegExpExecArray;
  bsd: boolean;
}

function matchHeader(line: string): Header | undefined {
  const bsd = BSD.exec(line);
  if (bsd) return MONTHS[bsd[1]!] === undefined ? undefined : { m: bsd, bsd: true };
  const iso = ISO.exec(line) ?? RFC5424.exec(line);
  return iso ? { m: iso, bsd: false } : undefined;
}

/** Splits PostgreSQL's marker off the text after the tag and undoes the escapes. */
function readBody(out: SyslogLine, body: string): void {
  const marker = body.charCodeAt(0) === 91 /* [ */ ? MARKER.exec(body) : null;
  if (marker) {
    if (marker[2] === undefined) out.chunk = +marker[1]!;
    else {
      out.seq = +marker[1]!;
      out.chunk = +marker[2];
    }
    body = body.slice(marker[0].length);
  }
  out.text = unescapeSyslog(body);
}

/**
 * PostgreSQL's text in one syslog line, marker removed and escapes undone, or undefined
 * for a line that is not a syslog line: what a log_line_prefix can be sniffed from.
 */
export function syslogText(line: string): string | undefined {
  const h = matchHeader(line);
  if (!h) return undefined;
  const out: SyslogLine = { host: '', ident: '', text: '' };
  readBody(out, line.slice(h.m.index + h.m[0].length));
  return out.text;
}

/** A reader for one file: BSD timestamps carry no year, so it follows the months as they pass. */
export function createSyslogLineReader(opts: SyslogLineOptions = {}): (line: string) => SyslogLine | undefined {
  const time: TimestampConverter = createTimestampConverter(opts.tz);
  const year = createSyslogYear(opts.year, opts.now ?? new Date());

  // Lines of the same second share their conversion (and cannot change the year).
  let lastMonth = '';
  let lastDay = '';
  let lastTime = '';
  let lastUtc: string | undefined;

  function utc({ m, bsd }: Header): string | undefined {
    if (!bsd) return time.toUtc(`${m[1]!} ${m[2]!}`, m[3]);
    if (m[3] === lastTime && m[2] === lastDay && m[1] === lastMonth) return lastUtc;
    const month = MONTHS[m[1]!]!;
    const day = +m[2]!;
    const local = `${year.of(month, day)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${m[3]!}`;
    lastMonth = m[1]!;
    lastDay = m[2]!;
    lastTime = m[3]!;
    lastUtc = time.toUtc(local);
    return lastUtc;
  }

  return (line) => {
    const h = matchHeader(line);
    if (!h) return undefined;
    const m = h.m;
    const out: SyslogLine = { host: m[4]!, ident: m[5]!, text: '' };
    const ts = utc(h);
    if (ts !== undefined) out.ts = ts;
    if (m[6] !== undefined) out.pid = +m[6];
    readBody(out, line.slice(m.index + m[0].length));
    return out;
  };
}
