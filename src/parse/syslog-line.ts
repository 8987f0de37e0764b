/**
 * Takes one syslog file line apart: the daemon's header, PostgreSQL's chunk marker
 * and the text PostgreSQL sent.
 *
 *   Nov 26 16:45:49 vm postgres[4831]: [8-3] #011#011balance                     (rsyslog, BSD)
 *   2026-11-26T16:45:31.850201+00:00 vm postgres[4699]: [1-1] 2026-11-26 …        (rsyslog high precision)
 *   Nov 26 16:48:13 vm pgprod[5572]: [2] 2026-11-26 …                            (syslog_sequence_numbers off)
 *   Nov 26 16:40:00 host postgres[123]: 2026-11-26 …                             (journald, no marker)
 *   <134>1 2026-11-28T02:35:54.560194+00:00 vm postgres 3868 - -  [1-1] user=…    (RFC 5424: relays, collectors)
 *   2026-11-28T17:03:35.000000+00:00 app[postgres.4456]: [DATABASE] [21-1]  sql_…  (Heroku: heroku logs -p postgres)
 *   438 <134>1 2026-11-28T17:03:35+00:00 host app postgres.4456 - [DATABASE] [21-1] …  (Heroku: an HTTPS log drain's frames)
 *
 * Heroku Postgres logs through syslog: its lines are PostgreSQL's pieces, markers and
 * all, behind Heroku's header and the database's attachment name (`[DATABASE]`,
 * `[HEROKU_POSTGRESQL_PINK]`), with control characters as sent (no `#011`). An HTTPS
 * drain frames each line with its length in bytes (RFC 6587) and names the host `host`.
 * Heroku's other sources share the stream: `app[web.1]`, `heroku[router]`, and the
 * database's metrics as `app[heroku-postgres]`.
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
  /** In one of Heroku's shapes, where only the `postgres` process's lines are PostgreSQL's. */
  heroku?: true;
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
/**
 * Heroku's two shapes, their groups numbered as ISO's: the host (`app`, `heroku`, or a
 * drain's `host`), the process type as ident, the dyno's number as pid.
 */
const HEROKU_CLI = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:?\d\d) (app|heroku)\[([A-Za-z][\w-]*)(?:\.(\d+))?\]: ?/;
const HEROKU_DRAIN =
  /^\d+ <\d{1,3}>1 (\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:\d\d) (\S+) (?:app|heroku) ([A-Za-z][\w-]*)(?:\.(\d+))? - ?/;
/** The attachment name Heroku puts before PostgreSQL's marker. */
const ATTACHMENT = /^\[[A-Z][A-Z0-9_]*\] /;
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
  heroku: boolean;
}

function matchHeader(line: string): Header | undefined {
  const bsd = BSD.exec(line);
  if (bsd) return MONTHS[bsd[1]!] === undefined ? undefined : { m: bsd, bsd: true, heroku: false };
  const iso = ISO.exec(line) ?? RFC5424.exec(line);
  if (iso) return { m: iso, bsd: false, heroku: false };
  const heroku = HEROKU_CLI.exec(line) ?? HEROKU_DRAIN.exec(line);
  return heroku ? { m: heroku, bsd: false, heroku: true } : undefined;
}

/**
 * Splits PostgreSQL's marker (and Heroku's attachment name before it) off the text
 * after the tag and undoes rsyslog's escapes (Heroku's lines have none to undo).
 */
function readBody(out: SyslogLine, body: string): void {
  if (out.heroku && out.ident === 'postgres') {
    const attachment = ATTACHMENT.exec(body);
    if (attachment) body = body.slice(attachment[0].length);
  }
  const marker = body.charCodeAt(0) === 91 /* [ */ ? MARKER.exec(body) : null;
  if (marker) {
    if (marker[2] === undefined) out.chunk = +marker[1]!;
    else {
      out.seq = +marker[1]!;
      out.chunk = +marker[2];
    }
    body = body.slice(marker[0].length);
  }
  out.text = out.heroku ? body : unescapeSyslog(body);
}

/** The line's header fields and text (no time: the caller converts it). */
function lineOf(h: Header, line: string): SyslogLine {
  const out: SyslogLine = { host: h.m[4]!, ident: h.m[5]!, text: '' };
  if (h.heroku) out.heroku = true;
  if (h.m[6] !== undefined) out.pid = +h.m[6];
  readBody(out, line.slice(h.m.index + h.m[0].length));
  return out;
}

/**
 * PostgreSQL's text in one syslog line, marker removed and escapes undone, or undefined
 * for a line that is not a syslog line: what a log_line_prefix can be sniffed from.
 */
export function syslogText(line: string): string | undefined {
  const h = matchHeader(line);
  if (!h) return undefined;
  return lineOf(h, line).text;
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
    const out = lineOf(h, line);
    const ts = utc(h);
    if (ts !== undefined) out.ts = ts;
    return out;
  };
}
