/**
 * CloudNativePG, the Kubernetes operator, runs PostgreSQL with csvlog into a pipe of
 * its own and writes each record to the pod's output as one JSON line, the csvlog
 * columns named as in PostgreSQL's documentation, every value a string:
 *
 *   {"level":"info","ts":"2025-12-09T00:32:20.823314307Z","logger":"postgres","msg":"record","logging_pod":"cluster-1",
 *    "record":{"log_time":"2025-12-09 00:32:20.822 UTC","user_name":"postgres",…,"error_severity":"LOG",…,"message":"…"}}
 *
 * Its other lines (the instance manager's own messages, pg_controldata, pgaudit) are
 * kept as unparsed lines. Settings such as log_destination are refused by the
 * operator, so this is the only shape its logs come in.
 */
import { isoFromMs } from '../util/iso-from-ms.js';
import { createCsvEntryMapper } from './csv-entry.js';
import type { EntrySink, LogicalLineConsumer, OuterContext } from './log-entry.js';

/** The csvlog columns in order (csv-entry.ts reads them by position), as CloudNativePG names them. */
const CSV_COLUMNS = [
  'log_time', 'user_name', 'database_name', 'process_id', 'connection_from', 'session_id', 'session_line_num',
  'command_tag', 'session_start_time', 'virtual_transaction_id', 'transaction_id', 'error_severity',
  'sql_state_code', 'message', 'detail', 'hint', 'internal_query', 'internal_query_pos', 'context', 'query',
  'query_pos', 'location', 'application_name', 'backend_type', 'leader_pid', 'query_id',
] as const;

interface OperatorLine {
  level?: unknown;
  /** When the operator wrote the line: RFC 3339 (`…T00:32:20.823314307Z`), or epoch seconds in older versions. */
  ts?: unknown;
  logger?: unknown;
  msg?: unknown;
  logging_pod?: unknown;
  record?: unknown;
}

function operatorLine(line: string): OperatorLine | undefined {
  if (line.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as OperatorLine) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a line is one of CloudNativePG's (a PostgreSQL record or the operator's own message). */
export function isCloudNativePgLine(line: string): boolean {
  const o = operatorLine(line);
  return o !== undefined && typeof o.msg === 'string' && typeof o.level === 'string' && (typeof o.logger === 'string' || 'logging_pod' in o);
}

/** PostgreSQL's record in a line, when it is one. */
function postgresRecord(o: OperatorLine | undefined): Record<string, unknown> | undefined {
  if (o === undefined || o.logger !== 'postgres' || typeof o.record !== 'object' || o.record === null) return undefined;
  const record = o.record as Record<string, unknown>;
  return typeof record.error_severity === 'string' ? record : undefined;
}

/** The operator's time of a line as the store's UTC ISO time, when it has a readable one. */
function operatorTime(o: OperatorLine): string | undefined {
  const ms = typeof o.ts === 'number' ? o.ts * 1000 : typeof o.ts === 'string' && /^\d{4}-\d\d-\d\dT/.test(o.ts) ? Date.parse(o.ts) : NaN;
  return isoFromMs(ms);
}

export interface CloudNativePgOptions {
  tz?: string;
}

export function createCloudNativePgParser(sink: EntrySink, opts: CloudNativePgOptions = {}): LogicalLineConsumer {
  const mapper = createCsvEntryMapper(sink, opts.tz);
  const fields: string[] = new Array<string>(CSV_COLUMNS.length).fill('');

  return {
    // A record cut by a container runtime comes whole, from several physical lines (`lines`).
    push(text: string, line: number, lineCount = 1, outer?: OuterContext, lines?: readonly number[]) {
      const o = operatorLine(text);
      const record = postgresRecord(o);
      if (record === undefined) {
        for (let i = 0; i < lineCount; i++) sink.unparsed({ line: lines?.[i] ?? line + i, text: i === 0 ? text : '', reason: 'no-prefix' });
        return;
      }
      for (let c = 0; c < CSV_COLUMNS.length; c++) {
        const v = record[CSV_COLUMNS[c]!];
        fields[c] = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      }
      const entry = mapper.toEntry(fields, CSV_COLUMNS.length, line, lineCount);
      // A record without its log_time (or with an unreadable one) still has the operator's, and the runtime's.
      if (entry.ts === undefined) {
        const ts = operatorTime(o!) ?? outer?.ts;
        if (ts !== undefined) entry.ts = ts;
      }
      sink.entry(entry);
    },
    flush() {
      mapper.finish();
    },
  };
}
