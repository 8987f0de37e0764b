/** The shapes every format parser produces and the store consumes. */

export const PRIMARY_SEVERITIES = [
  'DEBUG5', 'DEBUG4', 'DEBUG3', 'DEBUG2', 'DEBUG1', 'DEBUG',
  'INFO', 'NOTICE', 'WARNING', 'ERROR', 'LOG', 'FATAL', 'PANIC',
] as const;
export type Severity = (typeof PRIMARY_SEVERITIES)[number];

/** Lines that belong to the primary message before them (same backend). */
export const SECONDARY_LEVELS = [
  'DETAIL', 'HINT', 'QUERY', 'CONTEXT', 'STATEMENT', 'LOCATION', 'BACKTRACE',
] as const;
export type SecondaryLevel = (typeof SECONDARY_LEVELS)[number];

const primarySet: ReadonlySet<string> = new Set(PRIMARY_SEVERITIES);
export const isSeverity = (s: string): s is Severity => primarySet.has(s);

/**
 * Context fields a log line can carry besides its message: from log_line_prefix
 * escapes, csvlog columns or jsonlog keys. Absent means "not in the log".
 */
export interface EntryContext {
  ts?: string | undefined;              // UTC, ISO-8601 with milliseconds
  pid?: number | undefined;
  sqlstate?: string | undefined;
  user_name?: string | undefined;
  database_name?: string | undefined;
  application_name?: string | undefined;
  client?: string | undefined;          // host or host(port)
  session_id?: string | undefined;
  session_line?: number | undefined;
  session_start?: string | undefined;   // UTC ISO
  xid?: string | undefined;
  vxid?: string | undefined;
  backend_type?: string | undefined;
  query_id?: string | undefined;
  command_tag?: string | undefined;
  leader_pid?: number | undefined;
}

/** One log entry: a primary message with its secondary lines folded in. */
export interface LogEntry extends EntryContext {
  severity: Severity;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
  context?: string | undefined;
  statement?: string | undefined;
  internal_query?: string | undefined;
  location?: string | undefined;
  /** 1-based physical line of the input where the entry starts. */
  lineStart: number;
  /** Physical lines the entry covers (secondary lines of interleaved backends included). */
  lineCount: number;
}

/**
 * A new entry with every field present (undefined until set). All entries share one
 * object shape, so the code that reads them stays monomorphic: with fields added
 * in varying order, V8 gives up on fast property access and ingest gets 3x slower.
 */
export function newEntry(severity: Severity, message: string, lineStart: number, lineCount: number): LogEntry {
  return {
    ts: undefined, pid: undefined, sqlstate: undefined, user_name: undefined, database_name: undefined,
    application_name: undefined, client: undefined, session_id: undefined, session_line: undefined,
    session_start: undefined, xid: undefined, vxid: undefined, backend_type: undefined, query_id: undefined,
    command_tag: undefined, leader_pid: undefined,
    severity, message, detail: undefined, hint: undefined, context: undefined, statement: undefined,
    internal_query: undefined, location: undefined, lineStart, lineCount,
  };
}

/** A physical line we could not place in any entry; kept verbatim. */
export interface UnparsedLine {
  line: number;
  text: string;
  reason: UnparsedReason;
}
export type UnparsedReason =
  | 'no-prefix'         // no log_line_prefix match: memory-context dumps, tool chatter
  | 'orphan-secondary'  // DETAIL/HINT/... whose primary message is not in this input
  | 'bad-record'        // a csv/json record that does not decode
  | 'unknown-format';   // the whole input is in no known format

/** A problem worth telling the user about, located in the input. */
export interface Warning {
  file: string;
  line?: number;
  message: string;
}

/** Where a format parser sends what it finds. */
export interface EntrySink {
  entry(e: LogEntry): void;
  unparsed(u: UnparsedLine): void;
  warn(message: string, line?: number): void;
}

/** A streaming stage fed one physical line at a time (line numbers are 1-based). */
export interface LineConsumer {
  push(text: string, line: number): void;
  /** End of input: emit whatever is still open. */
  flush(): void;
}

/** What a wrapper format (syslog) knows about a line before its log_line_prefix. */
export interface OuterContext {
  ts?: string;  // UTC ISO
  pid?: number;
}

/**
 * A stage fed logical lines: one stderr-style line that may have been
 * reassembled from several physical lines (syslog `[N-2]` chunks).
 */
export interface LogicalLineConsumer {
  /**
   * `lineCount` physical lines make up `text`: lineStart and the lines after it, or
   * `lines` when other lines came between its pieces. 0 for a further part of a
   * physical line already passed on (a syslog piece holding newlines).
   */
  push(text: string, lineStart: number, lineCount?: number, outer?: OuterContext, lines?: readonly number[]): void;
  flush(): void;
}
