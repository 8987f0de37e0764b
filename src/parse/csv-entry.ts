/**
 * Turns the fields of one csvlog record into a LogEntry. The three layouts share
 * their first 23 columns: PostgreSQL 13 appended backend_type, 14 leader_pid and query_id.
 */
import {
  clientFromCsv, createLogTimeReader, createSessionStartReader, createSeverityReader, toInt,
} from './csv-json-fields.js';
import { withPosition } from './csv-json-fields.js';
import { newEntry, type EntrySink, type LogEntry } from './log-entry.js';
import { createTimestampConverter, warnZones } from './timestamp.js';

/** Column counts of the layouts PostgreSQL has written: 9.0–12, 13, 14+. */
export const isCsvLayout = (count: number): boolean => count === 26 || count === 24 || count === 23;

const enum Col {
  LogTime, UserName, DatabaseName, ProcessId, ConnectionFrom, SessionId, SessionLineNum, CommandTag,
  SessionStartTime, VirtualTransactionId, TransactionId, ErrorSeverity, SqlStateCode, Message, Detail,
  Hint, InternalQuery, InternalQueryPos, Context, Query, QueryPos, Location, ApplicationName,
  BackendType, LeaderPid, QueryId,
}

export interface CsvEntryMapper {
  /** The first `count` of `fields` are the record; isCsvLayout(count) must hold. */
  toEntry(fields: readonly string[], count: number, lineStart: number, lineCount: number): LogEntry;
  /** End of input: report what is worth reporting once. */
  finish(): void;
}

export function createCsvEntryMapper(sink: EntrySink, tz: string | undefined): CsvEntryMapper {
  const time = createTimestampConverter(tz);
  const startTime = createTimestampConverter(tz);
  const logTime = createLogTimeReader(time);
  const sessionStart = createSessionStartReader(startTime);
  const severity = createSeverityReader(sink, 'csvlog');
  let lastFrom = '';
  let lastClient = '';

  return {
    toEntry(f, count, lineStart, lineCount) {
      const e = newEntry(severity(f[Col.ErrorSeverity]!, lineStart), withPosition(f[Col.Message]!, f[Col.QueryPos]!, f[Col.InternalQueryPos]!), lineStart, lineCount);
      const ts = f[Col.LogTime]!;
      const utc = ts === '' ? undefined : logTime(ts);
      if (utc !== undefined) e.ts = utc;
      const pid = toInt(f[Col.ProcessId]!);
      if (pid !== undefined) e.pid = pid;
      let v = f[Col.SqlStateCode]!;
      if (v !== '') e.sqlstate = v;
      if ((v = f[Col.UserName]!) !== '') e.user_name = v;
      if ((v = f[Col.DatabaseName]!) !== '') e.database_name = v;
      if ((v = f[Col.ApplicationName]!) !== '') e.application_name = v;
      if ((v = f[Col.ConnectionFrom]!) !== '') {
        if (v !== lastFrom) {
          lastFrom = v;
          lastClient = clientFromCsv(v);
        }
        e.client = lastClient;
      }
      if ((v = f[Col.SessionId]!) !== '') e.session_id = v;
      const sessionLine = toInt(f[Col.SessionLineNum]!);
      if (sessionLine !== undefined) e.session_line = sessionLine;
      if ((v = f[Col.SessionStartTime]!) !== '') {
        const start = sessionStart(v);
        if (start !== undefined) e.session_start = start;
      }
      if ((v = f[Col.TransactionId]!) !== '' && v !== '0') e.xid = v;
      if ((v = f[Col.VirtualTransactionId]!) !== '') e.vxid = v;
      if ((v = f[Col.CommandTag]!) !== '') e.command_tag = v;
      if ((v = f[Col.Detail]!) !== '') e.detail = v;
      if ((v = f[Col.Hint]!) !== '') e.hint = v;
      if ((v = f[Col.Context]!) !== '') e.context = v;
      if ((v = f[Col.Query]!) !== '') e.statement = v;
      if ((v = f[Col.InternalQuery]!) !== '') e.internal_query = v;
      if ((v = f[Col.Location]!) !== '') e.location = v;
      if (count > Col.BackendType && (v = f[Col.BackendType]!) !== '') e.backend_type = v;
      if (count > Col.QueryId) {
        const leader = toInt(f[Col.LeaderPid]!);
        if (leader !== undefined) e.leader_pid = leader;
        if ((v = f[Col.QueryId]!) !== '' && v !== '0') e.query_id = v;
      }
      return e;
    },
    finish() {
      warnZones(sink, time, startTime);
    },
  };
}
