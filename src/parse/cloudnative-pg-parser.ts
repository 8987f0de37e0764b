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

export interface CloudNativePgOptions {
  tz?: string;
}

export function createCloudNativePgParser(sink: EntrySink, opts: CloudNativePgOptions = {}): LogicalLineConsumer {
  const mapper = createCsvEntryMapper(sink, opts.tz);
  const fields: string[] = new Array<string>(CSV_COLUMNS.length).fill('');

  return {
    // A record cut by a container runtime comes whole, from several physical lines (`lines`).
    push(text: string, line: number, lineCount = 1, _outer?: OuterContext, lines?: readonly number[]) {
      const record = postgresRecord(operatorLine(text));
      if (record === undefined) {
        for (let i = 0; i < lineCount; i++) sink.unparsed({ line: lines?.[i] ?? line + i, text: i === 0 ? text : '', reason: 'no-prefix' });
        return;
      }
      for (let c = 0; c < CSV_COLUMNS.length; c++) {
        const v = record[CSV_COLUMNS[c]!];
        fields[c] = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      }
      sink.entry(mapper.toEntry(fields, CSV_COLUMNS.length, line, lineCount));
    },
    flush() {
      mapper.finish();
    },
  };
}
