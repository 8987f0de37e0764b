/** Entries as evidence: what a report cites, with file and line. */
import type Database from 'better-sqlite3';
import { oneLine } from '../util/text-table.js';
import type { Evidence } from './postmortem.js';

export interface EntryRow {
  id: number;
  ts: string | null;
  kind: string;
  pid: number | null;
  message: string;
  application_name: string | null;
  file: string;
  line: number;
}

export function evidenceOf(r: EntryRow): Evidence {
  return { entry_id: r.id, ts: r.ts, file: r.file, line: r.line, text: oneLine(r.message, 160) };
}

export function entryEvidence(db: Database.Database, id: number): Evidence | undefined {
  const r = db
    .prepare(`SELECT e.id, e.ts, e.kind, e.pid, e.message, e.application_name, f.path AS file, e.line_start AS line FROM entries e JOIN files f ON f.id = e.file_id WHERE e.id = ?`)
    .get(id) as EntryRow | undefined;
  return r && evidenceOf(r);
}

