/**
 * Compiles a log_line_prefix (e.g. `%m [%p] %q%u@%d `) into a matcher that splits a
 * stderr line into its prefix fields, its level and its message text.
 */
import { PRIMARY_SEVERITIES, SECONDARY_LEVELS, type Severity, type SecondaryLevel } from './log-entry.js';

/** The prefix escapes we understand; values are raw text as printed. */
export type PrefixField =
  | 'time' | 'zone' | 'epoch' | 'session_start' | 'pid' | 'session_line' | 'session_id'
  | 'user_name' | 'database_name' | 'application_name' | 'host' | 'host_port'
  | 'backend_type' | 'xid' | 'vxid' | 'sqlstate' | 'command_tag' | 'query_id';

export type PrefixFields = { [F in PrefixField]?: string | undefined };

/** Every field present, so that all field objects share one shape (see newEntry). */
export function emptyFields(): PrefixFields {
  return {
    time: undefined, zone: undefined, epoch: undefined, session_start: undefined, pid: undefined,
    session_line: undefined, session_id: undefined, user_name: undefined, database_name: undefined,
    application_name: undefined, host: undefined, host_port: undefined, backend_type: undefined,
    xid: undefined, vxid: undefined, sqlstate: undefined, command_tag: undefined, query_id: undefined,
  };
}

/** How many fields are set; plain property loads, like setField's stores. */
export function presentFields(f: PrefixFields): number {
  return (
    +(f.time !== undefined) + +(f.zone !== undefined) + +(f.epoch !== undefined) + +(f.session_start !== undefined) +
    +(f.pid !== undefined) + +(f.session_line !== undefined) + +(f.session_id !== undefined) +
    +(f.user_name !== undefined) + +(f.database_name !== undefined) + +(f.application_name !== undefined) +
    +(f.host !== undefined) + +(f.host_port !== undefined) + +(f.backend_type !== undefined) + +(f.xid !== undefined) +
    +(f.vxid !== undefined) + +(f.sqlstate !== undefined) + +(f.command_tag !== undefined) + +(f.query_id !== undefined)
  );
}

/**
 * Sets one field. A switch of plain property stores: \`fields[name] = value\` with the
 * name varying is a megamorphic keyed store, about 170 instructions each.
 */
function setField(f: PrefixFields, name: PrefixField, value: string): void {
  switch (name) {
    case 'time': f.time = value; break;
    case 'zone': f.zone = value; break;
    case 'epoch': f.epoch = value; break;
    case 'session_start': f.session_start = value; break;
    case 'pid': f.pid = value; break;
    case 'session_line': f.session_line = value; break;
    case 'session_id': f.session_id = value; break;
    case 'user_name': f.user_name = value; break;
    case 'database_name': f.database_name = value; break;
    case 'application_name': f.application_name = value; break;
    case 'host': f.host = value; break;
    case 'host_port': f.host_port = value; break;
    case 'backend_type': f.backend_type = value; break;
    case 'xid': f.xid = value; break;
    case 'vxid': f.vxid = value; break;
    case 'sqlstate': f.sqlstate = value; break;
    case 'command_tag': f.command_tag = value; break;
    case 'query_id': f.query_id = value; break;
  }
}

/**
 * A line's prefix fields, its level (a primary message's severity, or a secondary
 * line's) and its text after `LEVEL:  `.
 */
export type PrefixMatch =
  | { fields: PrefixFields; primary: true; level: Severity; body: string }
  | { fields: PrefixFields; primary: false; level: SecondaryLevel; body: string };

export interface PrefixPattern {
  readonly prefix: string;
  /** Fields this prefix can produce (so callers know e.g. whether pids are available). */
  readonly provides: ReadonlySet<PrefixField>;
  match(line: string): PrefixMatch | undefined;
}

const TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;
const ZONE_TEXT = String.raw`[A-Za-z][A-Za-z0-9]{0,5}|[+-]\d\d(?::?\d\d)?`;
const ZONE = `(?: (${ZONE_TEXT}))?`;
const LAZY = '(.*?)';

interface EscapeSpec {
  /** Regex source with capture groups, in the order of `fields`. */
  source: string;
  fields: PrefixField[];
}

const ESCAPES: Readonly<Record<string, EscapeSpec>> = {
  m: { source: `(${TIME}\\.\\d{3})${ZONE}`, fields: ['time', 'zone'] },
  t: { source: `(${TIME})${ZONE}`, fields: ['time', 'zone'] },
  n: { source: String.raw`(\d+\.\d{3})`, fields: ['epoch'] },
  s: { source: `(${TIME}(?: (?:${ZONE_TEXT}))?)`, fields: ['session_start'] },
  p: { source: String.raw`(\d+)`, fields: ['pid'] },
  P: { source: String.raw`(\d*)`, fields: [] }, // parallel leader pid: printed but not stored from the prefix
  l: { source: String.raw`(\d+)`, fields: ['session_line'] },
  c: { source: String.raw`([0-9a-f]+\.[0-9a-f]+)`, fields: ['session_id'] },
  u: { source: LAZY, fields: ['user_name'] },
  d: { source: LAZY, fields: ['database_name'] },
  a: { source: LAZY, fields: ['application_name'] },
  h: { source: LAZY, fields: ['host'] },
  r: { source: LAZY, fields: ['host_port'] },
  b: { source: LAZY, fields: ['backend_type'] },
  i: { source: LAZY, fields: ['command_tag'] },
  x: { source: String.raw`(\d*)`, fields: ['xid'] },
  v: { source: String.raw`(\d+/\d+|)`, fields: ['vxid'] },
  e: { source: String.raw`([0-9A-Z]{5})`, fields: ['sqlstate'] },
  Q: { source: String.raw`(-?\d+)`, fields: ['query_id'] },
};

/**
 * The levels, the most common first: the alternatives are tried in order (the colon
 * after them settles DEBUG against DEBUG1 whatever the order). Primary and secondary
 * levels are captured apart, so which group matched tells them apart.
 */
const PRIMARY: readonly Severity[] = [
  'LOG', 'ERROR', 'FATAL', 'WARNING', 'NOTICE', 'INFO', 'PANIC', 'DEBUG1', 'DEBUG2', 'DEBUG3', 'DEBUG4', 'DEBUG5', 'DEBUG',
];
const SECONDARY: readonly SecondaryLevel[] = ['STATEMENT', 'DETAIL', 'CONTEXT', 'HINT', 'QUERY', 'LOCATION', 'BACKTRACE'];
if (new Set(PRIMARY).size !== PRIMARY_SEVERITIES.length || new Set(SECONDARY).size !== SECONDARY_LEVELS.length) {
  throw new Error('every level must be listed once');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class PrefixSyntaxError extends Error {}

/** Splits a prefix into literal text and escapes, the way PostgreSQL's log_line_prefix() reads it. */
export function tokenizePrefix(prefix: string): Array<{ literal: string } | { escape: string; padded: boolean }> {
  const tokens: Array<{ literal: string } | { escape: string; padded: boolean }> = [];
  let literal = '';
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i]!;
    if (ch !== '%' || i === prefix.length - 1) {
      literal += ch;
      continue;
    }
    let j = i + 1;
    // Padding such as %-10u or %5p: PostgreSQL pads with spaces.
    const pad = /^-?\d+/.exec(prefix.slice(j));
    if (pad) j += pad[0].length;
    const escape = prefix[j];
    if (escape === undefined) throw new PrefixSyntaxError(`log_line_prefix ends inside an escape: '${prefix}'`);
    if (escape === '%') {
      literal += '%';
    } else {
      if (literal) tokens.push({ literal });
      literal = '';
      tokens.push({ escape, padded: pad !== null });
    }
    i = j;
  }
  if (literal) tokens.push({ literal });
  return tokens;
}

export function compilePrefix(prefix: string): PrefixPattern {
  const tokens = tokenizePrefix(prefix);
  const fieldOrder: Array<PrefixField | null> = [];
  const provides = new Set<PrefixField>();
  let source = '^';
  let optionalGroups = 0;
  for (const token of tokens) {
    if ('literal' in token) {
      source += escapeRegex(token.literal);
      continue;
    }
    if (token.escape === 'q') {
      // Non-session processes stop printing the prefix here.
      source += '(?:';
      optionalGroups++;
      continue;
    }
    const spec = ESCAPES[token.escape];
    if (!spec) continue; // PostgreSQL prints nothing for unknown escapes
    const groups = spec.source.match(/\((?!\?)/g)?.length ?? 0;
    for (let g = 0; g < groups; g++) fieldOrder.push(spec.fields[g] ?? null);
    for (const f of spec.fields) provides.add(f);
    source += token.padded ? ` *${spec.source} *` : spec.source;
  }
  source += ')?'.repeat(optionalGroups);
  // The message is the rest of the line, cut off after the match rather than captured:
  // a capture group walks every character of it (the regex took 20 % longer).
  source += `(?:(${PRIMARY.join('|')})|(${SECONDARY.join('|')})):  ?`;
  const re = new RegExp(source, 's');
  const levelGroup = fieldOrder.length + 1;

  return {
    prefix,
    provides,
    match(line) {
      const m = re.exec(line);
      if (!m) return undefined;
      const fields = emptyFields();
      for (let g = 0; g < fieldOrder.length; g++) {
        const name = fieldOrder[g];
        const value = m[g + 1];
        if (name && value !== undefined && value !== '') setField(fields, name, value);
      }
      const severity = m[levelGroup];
      const body = line.slice(m[0].length);
      return severity !== undefined
        ? { fields, primary: true, level: severity as Severity, body }
        : { fields, primary: false, level: m[levelGroup + 1] as SecondaryLevel, body };
    },
  };
}
