/**
 * Events, a page at a time. Lists never load a table: every query is keyset
 * pagination on (ts, id), which the `entries (ts)` index serves in order (the
 * rowid is part of every index), or on (pid, ts) for same-backend jumps.
 * Entries without a timestamp cannot be placed in time and are not listed.
 */
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';
import type { EventFilter } from './event-filter.js';
import { textCandidates } from './text-candidates.js';
import { FAILED_SQL } from '../../store/schema.js';

export interface EventRow {
  id: number;
  ts: string;
  severity: string;
  kind: string | null;
  pid: number | null;
  user_name: string | null;
  database_name: string | null;
  application_name: string | null;
  message: string;
}

export interface Cursor {
  ts: string;
  id: number;
}

/** Extra conditions for jumps: errors only, one backend, a text. */
export interface Seek {
  errors?: boolean;
  pid?: number;
  text?: string;
  /** Only events at or before / at or after this one: the far end of a bounded search step. */
  upTo?: Cursor;
  downTo?: Cursor;
}

export interface EventScope {
  db: Store;
  filter: EventFilter;
  window: TimeWindow;
}

const COLUMNS = 'id, ts, severity, kind, pid, user_name, database_name, application_name, message';

/**
 * "One of these fields contains the text, ignoring ASCII case": LIKE per field, which
 * SQLite runs in place, where lower() of the fields joined copied every row's text
 * first (a no-match search of 10 M entries: 5.5 s → 2.4 s). Case folding is the same
 * (both ASCII-only); `%`, `_` and `\` in the text are escaped, so they match themselves.
 */
function containsSql(fields: readonly string[], param: string): string {
  return `(${fields.map((f) => `${f} LIKE @${param} ESCAPE '\\'`).join(' OR ')})`;
}

function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

interface Conditions {
  sql: string[];
  params: Record<string, string | number>;
  /** `entries`, or `entries NOT INDEXED` when a text's few candidates must drive the query. */
  from: string;
}

function conditions(scope: EventScope, seek: Seek): Conditions {
  const { filter, window } = scope;
  const sql = ['ts IS NOT NULL', NOT_MIRRORED_SQL];
  const params: Record<string, string | number> = {};
  let from = 'entries';
  const add = (clause: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    sql.push(clause);
    params[name] = value;
  };
  /**
   * A text's candidates from the full-text index, when it has few: their ids then
   * drive the query (NOT INDEXED keeps SQLite from walking the time index instead,
   * testing each entry against them), and LIKE checks each one's text.
   */
  const narrow = (text: string | undefined, name: string) => {
    if (text === undefined) return;
    const c = textCandidates(scope.db, text);
    if (c.kind === 'none') sql.push('0');
    else if (c.kind === 'few') {
      add(`id IN (SELECT rowid FROM entry_words WHERE entry_words MATCH @${name})`, name, c.match);
      from = 'entries NOT INDEXED';
    }
  };
  add('ts >= @from', 'from', window.from);
  add('ts <= @to', 'to', window.to);
  add('kind = @kind', 'kind', filter.kind);
  add('family = @family', 'family', filter.family);
  add('pid = @pid', 'pid', filter.pid === undefined ? undefined : Number(filter.pid));
  add('user_name = @user', 'user', filter.user);
  add('database_name = @db', 'db', filter.db);
  add('application_name = @app', 'app', filter.app);
  add('severity = @severity', 'severity', filter.severity);
  add('session_id = @session', 'session', filter.session);
  add(containsSql(['message', 'statement'], 'text'), 'text', filter.text === undefined ? undefined : containsPattern(filter.text));
  narrow(filter.text, 'textWords');
  if (filter.fingerprint !== undefined) {
    if (hasTable(scope.db, 'statements')) add('id IN (SELECT entry_id FROM statements WHERE fingerprint = @fingerprint)', 'fingerprint', filter.fingerprint);
    else sql.push('0');
  }
  if (seek.errors) sql.push(FAILED_SQL);
  add('pid = @seekPid', 'seekPid', seek.pid);
  add(containsSql(['message', 'statement', 'detail'], 'seekText'), 'seekText', seek.text === undefined ? undefined : containsPattern(seek.text));
  narrow(seek.text, 'seekWords');
  const bound = seek.upTo ?? seek.downTo;
  if (bound !== undefined) {
    sql.push(seek.upTo !== undefined ? '(ts, id) <= (@bts, @bid)' : '(ts, id) >= (@bts, @bid)');
    params.bts = bound.ts;
    params.bid = bound.id;
  }
  return { sql, params, from };
}

function query(scope: EventScope, seek: Seek, keyset: string, cursor: Cursor | null, order: 'ASC' | 'DESC', limit: number): EventRow[] {
  const { sql, params, from } = conditions(scope, seek);
  if (cursor !== null) sql.push(keyset);
  const text = `SELECT ${COLUMNS} FROM ${from} WHERE ${sql.join(' AND ')} ORDER BY ts ${order}, id ${order} LIMIT @limit`;
  return scope.db.prepare(text).all({ ...params, ...(cursor !== null && { cts: cursor.ts, cid: cursor.id }), limit }) as EventRow[];
}

/** Up to `limit` events from `cursor` on (the cursor's own row included), oldest first; from the start when null. */
export function eventsFrom(scope: EventScope, cursor: Cursor | null, limit: number, seek: Seek = {}): EventRow[] {
  return query(scope, seek, '(ts, id) >= (@cts, @cid)', cursor, 'ASC', limit);
}

/** Up to `limit` events strictly after `cursor`. */
export function eventsAfter(scope: EventScope, cursor: Cursor, limit: number, seek: Seek = {}): EventRow[] {
  return query(scope, seek, '(ts, id) > (@cts, @cid)', cursor, 'ASC', limit);
}

/** Up to `limit` events strictly before `cursor` (all the last ones when null), oldest first. */
export function eventsBefore(scope: EventScope, cursor: Cursor | null, limit: number, seek: Seek = {}): EventRow[] {
  return query(scope, seek, '(ts, id) < (@cts, @cid)', cursor, 'DESC', limit).reverse();
}

/** The first event at or after an instant. */
export function eventAtTime(scope: EventScope, ts: string): EventRow | undefined {
  return eventsFrom(scope, { ts, id: 0 }, 1)[0];
}

/**
 * The event `n` places after `cursor` (before it when backwards; from the edge when
 * null), or undefined when fewer remain: where a bounded search step ends. It walks
 * the (ts) index without reading messages.
 */
export function stepEnd(scope: EventScope, cursor: Cursor | null, n: number, forward: boolean): Cursor | undefined {
  const { sql, params, from } = conditions(scope, {});
  if (cursor !== null) sql.push(forward ? '(ts, id) > (@cts, @cid)' : '(ts, id) < (@cts, @cid)');
  const order = forward ? 'ASC' : 'DESC';
  const text = `SELECT ts, id FROM ${from} WHERE ${sql.join(' AND ')} ORDER BY ts ${order}, id ${order} LIMIT 1 OFFSET @skip`;
  return scope.db.prepare(text).get({ ...params, ...(cursor !== null && { cts: cursor.ts, cid: cursor.id }), skip: n - 1 }) as Cursor | undefined;
}
