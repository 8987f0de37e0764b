/**
 * Takes one syslog file line apart: the daemon's header, PostgreSQL's chunk marker
 * and the text PostgreSQL sent.
 *
 *   Nov 26 16:45:49 vm postgres[4831]: [8-3] #011#011balance                     (rsyslog, BSD)
 *   2026-11-26T16:45:31.850201+00:00 vm postgres[4699]: [1-1] 2026-11-26 …        (rsyslog high precision)
 *   Nov 26 16:48:13 vm pgprod[5572]: [2] 2026-11-26 …                            (syslog_sequence_numbers off)
 *   Nov 26 16:40:00 host postgres[123]: 2026-11-26 …                             (journald, no marker)
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
const MARKER = /^\[(\d+)(?:-(\d+))?\](?: |$)/;
/** rsyslog escapes control characters as `#` and three octal digits (TAB is `#011`). */
const ESCAPE = /#(0[0-3][0-7]|177)/g;

export function unescapeSyslog(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(ESCAPE, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** A reader for one file: BSD timestamps carry no year, so it follows the months as they pass. */
export function createSyslogLineReader(opts: SyslogLineOptions = {}): (line: string) => SyslogLine | undefined {
  const time: TimestampConverter = createTimestampConverter(opts.tz);
  const year = createSyslogYear(opts.year, opts.now ?? new Date());

  function header(line: string): { ts: string | undefined; m: RegExpExecArray } | undefined {
    let m = BSD.exec(line);
    if (m) {
      const month = MONTHS[m[1]!];
      if (month === undefined) return undefined;
      const day = +m[2]!;
      const y = year.of(month, day);
      const local = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${m[3]!}`;
      return { ts: time.toUtc(local), m };
    }
    m = ISO.exec(line);
    if (m) return { ts: time.toUtc(`${m[1]!} ${m[2]!}`, m[3]), m };
    return undefined;
  }

  return (line) => {
    const h = header(line);
    if (!h) return undefined;
    const m = h.m;
    const tagEnd = m.index + m[0].length;
    const out: SyslogLine = { host: m[4]!, ident: m[5]!, text: '' };
    if (h.ts !== undefined) out.ts = h.ts;
    if (m[6] !== undefined) out.pid = +m[6];
    let body = line.slice(tagEnd);
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
    return out;
  };
}
