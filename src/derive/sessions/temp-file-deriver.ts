/**
 * Temporary files (log_temp_files): a sort, hash or materialization that did not
 * fit in work_mem. The statement is the entry's STATEMENT; when it has none, the
 * text of the same backend's next duration line, if that comes before the
 * backend logs another statement or ends.
 */
import { parseDuration, parseTempFile, type Kind } from '../../classify/index.js';
import type { Deriver, StoredEntry } from '../deriver.js';
import { pushTo } from '../../util/push-to.js';
import { createConnectionContext, type ConnectionFacts } from './connection-context.js';
import { TEMP_FILE_SCHEMA } from './temp-file-schema.js';

interface Pending {
  e: StoredEntry;
  path: string;
  bytes: number;
  facts: ConnectionFacts;
}

/** Lines after which a later duration belongs to another statement. */
const NEXT_STATEMENT: ReadonlySet<string> = new Set<Kind>([
  'statement_logged', 'execute_logged', 'disconnection', 'connection_received', 'connection_authorized',
]);

export const tempFileDeriver: Deriver = {
  name: 'temp_files',
  tables: ['temp_files'],
  schema: TEMP_FILE_SCHEMA,
  start(db) {
    const insert = db.prepare(
      `INSERT INTO temp_files (ts, pid, session_id, path, bytes, statement, statement_source, user_name, database_name,
         application_name, entry_id)
       VALUES (@ts, @pid, @session_id, @path, @bytes, @statement, @statement_source, @user_name, @database_name,
         @application_name, @entry_id)`,
    );
    const connections = createConnectionContext();
    const waiting = new Map<number, Pending[]>();

    function write(p: Pending, statement: string | null, source: 'entry' | 'duration' | null): void {
      insert.run({
        ts: p.e.ts, pid: p.e.pid, session_id: p.e.session_id, path: p.path, bytes: p.bytes, statement, statement_source: source,
        user_name: p.facts.user, database_name: p.facts.database, application_name: p.facts.application, entry_id: p.e.id,
      });
    }

    function release(pid: number, statement: string | null): void {
      const list = waiting.get(pid);
      if (!list) return;
      waiting.delete(pid);
      for (const p of list) write(p, statement, statement === null ? null : 'duration');
    }

    return {
      push(e) {
        connections.see(e);
        if (e.pid === null) return;
        if (e.kind === 'temp_file') {
          const t = parseTempFile(e.message);
          if (!t) return;
          const p: Pending = { e, path: t.path, bytes: t.bytes, facts: connections.of(e) };
          if (e.statement !== null) write(p, e.statement, 'entry');
          else pushTo(waiting, e.pid, p); // a query spilling to disk can log thousands before its statement
          return;
        }
        if (!waiting.has(e.pid)) return;
        if (e.kind === 'duration') {
          const text = parseDuration(e.message)?.text;
          if (text !== undefined) release(e.pid, text);
        } else if (NEXT_STATEMENT.has(e.kind)) release(e.pid, null);
      },
      finish() {
        for (const pid of [...waiting.keys()]) release(pid, null);
      },
    };
  },
};
