/**
 * Turns one jsonlog line (PostgreSQL 15+) into a LogEntry. PostgreSQL omits keys whose
 * value is unknown; the numbers it writes bare are pid, remote_port, line_num, txid,
 * positions, file_line_num, leader_pid and query_id.
 */
import { createLogTimeReader, createSessionStartReader, createSeverityReader } from './csv-json-fields.js';
import { withPosition } from './csv-json-fields.js';
import { newEntry, type EntrySink, type LogEntry } from './log-entry.js';
import { createTimestampConverter, warnZones } from './timestamp.js';

/** The keys we read, as jsonlog.c writes them. */
interface JsonlogRecord {
  timestamp?: unknown;
  user?: unknown;
  dbname?: unknown;
  pid?: unknown;
  remote_host?: unknown;
  remote_port?: unknown;
  session_id?: unknown;
  line_num?: unknown;
  ps?: unknown;
  session_start?: unknown;
  vxid?: unknown;
  txid?: unknown;
  error_severity?: unknown;
  state_code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
  internal_query?: unknown;
  context?: unknown;
  statement?: unknown;
  cursor_position?: unknown;
  internal_position?: unknown;
  func_name?: unknown;
  file_name?: unknown;
  file_line_num?: unknown;
  application_name?: unknown;
  backend_type?: unknown;
  leader_pid?: unknown;
  query_id?: unknown;
}

export interface JsonEntryMapper {
  /** The entry for a jsonlog line, or undefined if the line is not a jsonlog record. */
  toEntry(text: string, line: number): LogEntry | undefined;
  finish(): void;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** An id printed as a number: "0" means none. */
function id(v: unknown): string | undefined {
  const s = typeof v === 'number' ? String(v) : text(v);
  return s === '0' ? undefined : s;
}

/**
 * query_id is a signed 64-bit hash, beyond what a double holds exactly: read its digits
 * from the line. A key pattern cannot occur inside a JSON string, where quotes are escaped.
 */
function rawInteger(line: string, key: string): string | undefined {
  const at = line.lastIndexOf(`"${key}":`);
  if (at < 0) return undefined;
  const m = /^-?\d+/.exec(line.slice(at + key.length + 3, at + key.length + 25));
  return m ? m[0] : undefined;
}

/** PostgreSQL's verbose LOCATION: `func, file:line`, or `file:line` without a function name. */
function location(r: JsonlogRecord): string | undefined {
  const file = text(r.file_name);
  if (file === undefined) return undefined;
  const where = `${file}:${int(r.file_line_num) ?? ''}`;
  const func = text(r.func_name);
  return func === undefined ? where : `${func}, ${where}`;
}

export function createJsonEntryMapper(sink: EntrySink, tz: string | undefined): JsonEntryMapper {
  const time = createTimestampConverter(tz);
  const startTime = createTimestampConverter(tz);
  const logTime = createLogTimeReader(time);
  const sessionStart = createSessionStartReader(startTime);
  const severity = createSeverityReader(sink, 'jsonlog');

  return {
    toEntry(line, lineNo) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      const r = parsed as JsonlogRecord;
      if (typeof r.error_severity !== 'string') return undefined;

      const message = typeof r.message === 'string' ? r.message : '';
      const e = newEntry(severity(r.error_severity, lineNo), withPosition(message, r.cursor_position, r.internal_position), lineNo, 1);
      let v: string | undefined;
      if ((v = text(r.timestamp)) !== undefined && (v = logTime(v)) !== undefined) e.ts = v;
      let n = int(r.pid);
      if (n !== undefined) e.pid = n;
      if ((v = text(r.state_code)) !== undefined) e.sqlstate = v;
      if ((v = text(r.user)) !== undefined) e.user_name = v;
      if ((v = text(r.dbname)) !== undefined) e.database_name = v;
      if ((v = text(r.application_name)) !== undefined) e.application_name = v;
      if ((v = text(r.remote_host)) !== undefined) {
        const port = int(r.remote_port) ?? text(r.remote_port);
        e.client = port === undefined ? v : `${v}(${port})`;
      }
      if ((v = text(r.session_id)) !== undefined) e.session_id = v;
      if ((n = int(r.line_num)) !== undefined) e.session_line = n;
      if ((v = text(r.session_start)) !== undefined && (v = sessionStart(v)) !== undefined) e.session_start = v;
      if ((v = id(r.txid)) !== undefined) e.xid = v;
      if ((v = text(r.vxid)) !== undefined) e.vxid = v;
      if ((v = text(r.backend_type)) !== undefined) e.backend_type = v;
      if ((v = id(r.query_id)) !== undefined) {
        const exact = typeof r.query_id === 'number' ? rawInteger(line, 'query_id') : v;
        if (exact !== undefined) e.query_id = exact;
      }
      if ((v = text(r.ps)) !== undefined) e.command_tag = v;
      if ((n = int(r.leader_pid)) !== undefined) e.leader_pid = n;
      if ((v = text(r.detail)) !== undefined) e.detail = v;
      if ((v = text(r.hint)) !== undefined) e.hint = v;
      if ((v = text(r.context)) !== undefined) e.context = v;
      if ((v = text(r.statement)) !== undefined) e.statement = v;
      if ((v = text(r.internal_query)) !== undefined) e.internal_query = v;
      if ((v = location(r)) !== undefined) e.location = v;
      return e;
    },
    finish() {
      warnZones(sink, time, startTime);
    },
  };
}
