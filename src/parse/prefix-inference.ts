/**
 * Infers log_line_prefix from the lines themselves.
 *
 * Candidates come from two places: prefixes seen in the wild (Debian's default,
 * RDS, Azure, pgBadger's advice...) and a template derived by reading one line's
 * prefix token by token (timestamps, `[pid]`, `user@db`, `key=value` pairs, session
 * ids, SQLSTATEs). Each derived template is also tried with `%q` at every token
 * boundary, since background processes print only the part before `%q`.
 * The candidate that parses the most lines wins; ties go to the one that
 * extracts more fields.
 */
import { compilePrefix, presentFields, tokenizePrefix, type PrefixFields, type PrefixPattern } from './prefix-pattern.js';

export const KNOWN_PREFIXES: readonly string[] = [
  '%m [%p] %q%u@%d ',
  '%m [%p] ',
  '%t [%p] %q%u@%d ',
  '%t [%p] ',
  '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ',
  '%t [%p]: [%l-1] user=%u,db=%d ',
  '%t [%p]: user=%u,db=%d,app=%a,client=%h ',
  '%t:%r:%u@%d:[%p]:',
  '%m [%p] %q[user=%u,db=%d,app=%a] ',
  '%t-%c-',
  '%m-%c-',
  '%m [%p] %l %e ',
  '%m %p ',
  '%t %p ',
  // Heroku Postgres (behind its syslog header, see syslog-line.ts), and its older one.
  ' sql_error_code = %e time_ms = "%m" pid="%p" proc_start_time="%s" session_id="%c" vtid="%v" tid="%x" log_line="%l" database="%d" connection_source="%r" user="%u" application_name="%a" ',
  ' sql_error_code = %e ',
  '',
];

const LEVEL_MARK = /(DEBUG[1-5]?|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|DETAIL|HINT|QUERY|CONTEXT|STATEMENT|LOCATION):  /;

/** The text before the level marker, for lines that have one. */
export function prefixInstance(line: string): string | undefined {
  const m = LEVEL_MARK.exec(line);
  return m ? line.slice(0, m.index) : undefined;
}

const KEY_ESCAPES: ReadonlyArray<[RegExp, string]> = [
  [/^(user|usr|u|role|username|user_name)$/i, 'u'],
  [/^(db|database|dbname|d|database_name)$/i, 'd'],
  [/^(app|application|appname|application_name|a)$/i, 'a'],
  [/^(client|host|remote|h|remote_host|client_addr|ip|connection_source)$/i, 'h'],
  [/^(pid|p|process)$/i, 'p'],
  [/^(tx|xid|txid|x|transaction|tid)$/i, 'x'],
  [/^(vxid|vtx|v|virtualxid|vxact|vtid)$/i, 'v'],
  [/^(sess|session|sid|session_id|c)$/i, 'c'],
  [/^(line|l|ln|line_num|lineno|log_line)$/i, 'l'],
  [/^(state|sqlstate|e|code|err|errcode|sql_state|sql_error_code)$/i, 'e'],
  [/^(time|ts|timestamp|t|m|date|time_ms)$/i, 'm'],
  [/^(session_start|proc_start_time|backend_start|s)$/i, 's'],
  [/^(type|backend|backend_type|b)$/i, 'b'],
  [/^(query_id|qid|queryid|q)$/i, 'Q'],
  [/^(tag|cmd|command|ps|i)$/i, 'i'],
];

/** The escape a `key=value` pair stands for, from its key and the value's look; undefined for an unknown key. */
function keyEscape(key: string, value: string, state: DeriveState): string | undefined {
  let e = KEY_ESCAPES.find(([re]) => re.test(key))?.[1];
  if (e === 'h' && /\(\d+\)$/.test(value)) e = 'r';
  if (e === 'm' && !/\.\d{3}/.test(value)) e = 't';
  if (e === 'p') state.hasPid = true;
  return e;
}

interface Reader {
  /** Regex anchored at the current position (sticky) and the template text it stands for. */
  re: RegExp;
  template: (m: RegExpExecArray, state: DeriveState) => string;
}

interface DeriveState {
  hasPid: boolean;
}

const TS_MS = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}(?: (?:[A-Za-z][A-Za-z0-9]{0,5}|[+-]\d\d(?::?\d\d)?))?`;
const TS_S = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: (?:[A-Za-z][A-Za-z0-9]{0,5}|[+-]\d\d(?::?\d\d)?))?`;

const READERS: readonly Reader[] = [
  { re: new RegExp(TS_MS, 'y'), template: () => '%m' },
  { re: new RegExp(TS_S, 'y'), template: () => '%t' },
  { re: /\d{10}\.\d{3}/y, template: () => '%n' },
  { re: /[0-9a-f]{6,8}\.[0-9a-f]{1,8}(?![0-9a-z])/y, template: () => '%c' },
  { re: new RegExp(`([A-Za-z_]+)=${TS_MS}`, 'y'), template: (m) => `${m[1]}=%m` },
  { re: new RegExp(`([A-Za-z_]+)=${TS_S}`, 'y'), template: (m) => `${m[1]}=%t` },
  // key="value" (Heroku's `pid="42" user="app"`): the value runs to the closing quote.
  {
    re: /([A-Za-z_]+)( ?= ?)"([^"]*)"/y,
    template: (m, state) => {
      const e = keyEscape(m[1]!, m[3]!, state);
      return e === undefined ? m[0] : `${m[1]}${m[2]}"%${e}"`;
    },
  },
  // key=value: the value runs to the next separator; the key names the escape.
  {
    re: /([A-Za-z_]+)( ?= ?)(\[[^\]\s]*\]|[^\s,;\]|]*)/y,
    template: (m, state) => {
      const e = keyEscape(m[1]!, m[3]!, state);
      return e === undefined ? m[0] : `${m[1]}${m[2]}%${e}`;
    },
  },
  // user@db; PostgreSQL prints `[unknown]` for a value it does not know yet (replication connections).
  { re: /(?:\[unknown\]|[^\s@:\[\]()]*)@(?:\[unknown\]|[^\s@:\[\]()]*)(?=[\s:\]])/y, template: () => '%u@%d' },
  { re: /(?:\d{1,3}\.){3}\d{1,3}\(\d+\)|\[local\]|[0-9a-f:]+\(\d+\)/y, template: () => '%r' },
  { re: /(?:\d{1,3}\.){3}\d{1,3}(?![\d(])/y, template: () => '%h' },
  { re: /\d+\/\d+(?!\d)/y, template: () => '%v' },
  // pgBadger's `[%l-1]`: a session line number and a literal chunk number.
  { re: /\[\d+-1\]/y, template: () => '[%l-1]' },
  // A SQLSTATE with letters (40P01, XX000), a word of its own (not the end of `[DATABASE]`);
  // all-digit ones are told apart from numbers below.
  { re: /(?<![0-9A-Za-z])(?=[0-9A-Z]{5}(?![0-9A-Za-z]))(?=[0-9]*[A-Z])[0-9A-Z]{5}/y, template: () => '%e' },
  {
    re: /\d+(?![\d.\/])/y,
    template: (m, state) => {
      if (!state.hasPid) {
        state.hasPid = true;
        return '%p';
      }
      return m[0].length === 5 && m[0].startsWith('0') ? '%e' : '%l';
    },
  },
];

/** Reads one prefix instance into a template, e.g. `2024-… UTC [42] app@db ` → `%m [%p] %u@%d `. */
export function deriveTemplate(instance: string): string {
  const state: DeriveState = { hasPid: false };
  let out = '';
  let i = 0;
  outer: while (i < instance.length) {
    for (const reader of READERS) {
      reader.re.lastIndex = i;
      const m = reader.re.exec(instance);
      if (m && m[0].length > 0) {
        out += reader.template(m, state);
        i += m[0].length;
        continue outer;
      }
    }
    const ch = instance[i]!;
    out += ch === '%' ? '%%' : ch;
    i++;
  }
  return out;
}

/** `%q` at each escape boundary of a template, for processes outside a session. */
function withQAtBoundaries(template: string): string[] {
  const variants: string[] = [];
  const re = /%[a-zA-Z]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template)) !== null) {
    if (m.index === 0) continue;
    // Put %q before the literal run that precedes this escape, PostgreSQL-style (`%q[user=`)...
    let start = m.index;
    while (start > 0 && !/[\s\]:]/.test(template[start - 1]!)) start--;
    variants.push(`${template.slice(0, start)}%q${template.slice(start)}`);
    if (start !== m.index) variants.push(`${template.slice(0, m.index)}%q${template.slice(m.index)}`);
  }
  return variants;
}

/**
 * Whether a template uses an escape twice (`<%p>%l %l-%l-%e:%l:…`): no server prints its
 * pid or line number twice, but a line wrapped in something that is no log_line_prefix
 * (an unknown relay's header) reads that way, numbers and all. Such a template would
 * read its fields from the wrong places, and match only the lines whose literals
 * (a host name, the seconds) happen to agree.
 */
function repeatsAnEscape(template: string): boolean {
  const escapes = template.replace(/%%/g, '').match(/%[a-zA-Z]/g) ?? [];
  return new Set(escapes).size < escapes.length;
}

export interface Inference {
  prefix: string;
  pattern: PrefixPattern;
  matched: number;
  /** Lines in the sample that carry a level marker at all. */
  candidates: number;
}

/** The escapes PostgreSQL prints for session processes only (empty for the others, or nothing after %q). */
const SESSION_ONLY = new Set(['a', 'u', 'd', 'r', 'h', 'i']);

/** Whether a line's session-only fields are all empty: a background process's, under a prefix without %q. */
function bareSession(f: PrefixFields): boolean {
  return (
    f.user_name === undefined && f.database_name === undefined && f.application_name === undefined &&
    f.host === undefined && f.host_port === undefined && f.command_tag === undefined
  );
}

/**
 * How well a template's %q fits the sample, for candidates that read it equally well.
 * A sample of client backends only (the first 400 lines of a busy log) reads the same
 * with and without %q before the session fields; chosen without, the checkpointer's,
 * the postmaster's and every crash's lines further on would not parse. So %q where
 * PostgreSQL's own prefixes have it (before the first session-only escape) is
 * preferred, unless some line prints the session fields empty: the server's prefix
 * then has no %q (background processes print them empty rather than stop).
 */
function qFit(template: string, bareSessionLines: number): number {
  const tokens = tokenizePrefix(template);
  const firstSession = tokens.findIndex((t) => 'escape' in t && SESSION_ONLY.has(t.escape));
  const q = tokens.findIndex((t) => 'escape' in t && t.escape === 'q');
  if (firstSession < 0) return 1;
  if (q < 0) return bareSessionLines > 0 ? 2 : 0;
  return q < firstSession && tokens.slice(q + 1, firstSession).every((t) => 'literal' in t) ? 1 : 0;
}

/** Compiled prefixes, kept from file to file: a folder of rotated logs tries the same candidates in each, and announces the same changes. */
const compiled = new Map<string, PrefixPattern>();
export function compiledPrefix(prefix: string): PrefixPattern {
  let pattern = compiled.get(prefix);
  if (!pattern) {
    if (compiled.size >= 512) compiled.clear();
    pattern = compilePrefix(prefix);
    compiled.set(prefix, pattern);
  }
  return pattern;
}

/** Chooses the prefix that parses most of `lines`; undefined if none parses any line. */
export function inferPrefix(lines: readonly string[]): Inference | undefined {
  const withMarker = lines.filter((l) => prefixInstance(l) !== undefined);
  if (withMarker.length === 0) return undefined;
  const derived = new Set<string>();
  const instances = [...new Set(withMarker.map((l) => prefixInstance(l)!))]
    .sort((a, b) => b.length - a.length)
    .slice(0, 6);
  for (const instance of instances) {
    const template = deriveTemplate(instance);
    if (repeatsAnEscape(template)) continue;
    derived.add(template);
    for (const variant of withQAtBoundaries(template)) derived.add(variant);
  }
  // Ties go to the earlier candidate of this list, whatever the order they are tried in.
  const rank = new Map<string, number>([...new Set([...KNOWN_PREFIXES, ...derived])].map((prefix, i) => [prefix, i]));
  let best: (Inference & { fieldCount: number; qFit: number; rank: number }) | undefined;
  // The templates read off these lines first: the best is then found early, and the
  // others are dropped as soon as they cannot parse as many lines (a folder of 600 small
  // rotated logs spent a quarter of its ingest here, reading every candidate through).
  for (const prefix of new Set([...derived, ...KNOWN_PREFIXES])) {
    const pattern = compiledPrefix(prefix);
    const mayFail = withMarker.length - (best?.matched ?? 1);
    let failed = 0;
    let matched = 0;
    let fieldCount = 0;
    let bare = 0;
    for (const line of withMarker) {
      const m = pattern.match(line);
      if (!m) {
        if (++failed > mayFail) break;
        continue;
      }
      matched++;
      // Not Object.values(): an array a line and candidate was a third of the inference's time.
      fieldCount += presentFields(m.fields);
      if (bareSession(m.fields)) bare++;
    }
    if (failed > mayFail) continue;
    const fit = qFit(prefix, bare);
    const r = rank.get(prefix)!;
    // More lines parsed, then more fields extracted, then the better %q, then the simpler template.
    const better =
      !best ||
      matched > best.matched ||
      (matched === best.matched &&
        (fieldCount > best.fieldCount ||
          (fieldCount === best.fieldCount &&
            (fit > best.qFit ||
              (fit === best.qFit && (prefix.length < best.prefix.length || (prefix.length === best.prefix.length && r < best.rank)))))));
    if (better) {
      best = { prefix, pattern, matched, candidates: withMarker.length, fieldCount, qFit: fit, rank: r };
    }
  }
  if (!best) return undefined;
  const { fieldCount: _unused, qFit: _fit, rank: _rank, ...inference } = best;
  return inference;
}
