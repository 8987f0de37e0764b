/**
 * A real server's stderr lines as a container runtime would have stored them (see
 * src/parse/container-line.ts): each line in a record of its own, timed by the line's
 * own timestamp with nanoseconds added, as runtimes print them.
 */
import type { ContainerEnvelope } from '../../src/parse/container-line.js';
import { createCsvRecordScanner } from '../../src/parse/csv-record-scanner.js';

export interface WrapOptions {
  /** Cut lines longer than this into pieces of this many characters, as runtimes cut lines over 16 KiB. */
  cutAt?: number;
  /** A stdout record after the first piece of every cut line. */
  stdoutBetweenPieces?: boolean;
}

const STDERR_TIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/;

export function wrapLines(lines: readonly string[], envelope: ContainerEnvelope, opts: WrapOptions = {}): string[] {
  const out: string[] = [];
  let time = '2026-11-26T17:00:00.000000000Z';
  let n = 0;
  const record = (text: string, stream: 'stdout' | 'stderr', complete: boolean): string => {
    switch (envelope) {
      case 'timestamps':
        return `${time} ${text}`;
      case 'cri':
        return `${time} ${stream} ${complete ? 'F' : 'P'} ${text}`;
      case 'docker-json':
        return JSON.stringify({ log: complete ? `${text}\n` : text, stream, time });
    }
  };
  for (const line of lines) {
    const m = STDERR_TIME.exec(line);
    if (m) time = `${m[1]}T${m[2]}${String(++n % 1_000_000).padStart(6, '0')}Z`;
    const cutAt = opts.cutAt;
    if (cutAt === undefined || line.length <= cutAt || envelope === 'timestamps') {
      out.push(record(line, 'stderr', true));
      continue;
    }
    for (let at = 0; at < line.length; at += cutAt) {
      const last = at + cutAt >= line.length;
      out.push(record(line.slice(at, at + cutAt), 'stderr', last));
      if (at === 0 && opts.stdoutBetweenPieces) out.push(record('waiting for the server to accept connections', 'stdout', true));
    }
  }
  return out;
}

/** csvlog's columns as CloudNativePG names them in its JSON lines. */
const CNPG_COLUMNS = [
  'log_time', 'user_name', 'database_name', 'process_id', 'connection_from', 'session_id', 'session_line_num',
  'command_tag', 'session_start_time', 'virtual_transaction_id', 'transaction_id', 'error_severity',
  'sql_state_code', 'message', 'detail', 'hint', 'internal_query', 'internal_query_pos', 'context', 'query',
  'query_pos', 'location', 'application_name', 'backend_type', 'leader_pid', 'query_id',
];

/**
 * A real server's csvlog as CloudNativePG writes it to the pod's output: each record
 * one JSON line, its columns by name, every value a string, empty ones left out; the
 * instance manager's own lines among them.
 */
export function cloudNativePgLines(csvLines: readonly string[]): string[] {
  const scanner = createCsvRecordScanner();
  const out: string[] = [JSON.stringify({ level: 'info', ts: '2026-11-26T17:01:25.000000000Z', msg: 'Starting CloudNativePG Instance Manager', logging_pod: 'cluster-1' })];
  for (const line of csvLines) {
    if (!scanner.scan(line)) continue;
    const record: Record<string, string> = {};
    for (let c = 0; c < scanner.count; c++) if (scanner.fields[c] !== '') record[CNPG_COLUMNS[c]!] = scanner.fields[c]!;
    scanner.reset();
    out.push(JSON.stringify({ level: 'info', ts: '2026-11-26T17:01:25.000000000Z', logger: 'postgres', msg: 'record', logging_pod: 'cluster-1', record }));
  }
  return out;
}
