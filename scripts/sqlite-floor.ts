/**
 * How much CPU time SQLite itself spends storing what an ingest stores, with no
 * JavaScript at all: a finished store's entries and statement rows copied into a new
 * one with INSERT … SELECT, the entries' indexes and the text index built with the
 * ingest's own SQL. However the code around it is written, an ingest that stores the
 * same cannot cost less than that on this machine; `npm run bench` prints it next to
 * the targets.
 */
import { rmSync } from 'node:fs';
import { openStoreForWriting } from '../src/store/open-store.js';
import { INDEX_SQL } from '../src/store/schema.js';
import { cpuSeconds } from '../src/util/cpu-seconds.js';
import { INDEXED_TEXT_SQL, TEXT_INDEX_SCHEMA } from '../src/derive/search/text-index-schema.js';

export interface FloorStep {
  label: string;
  cpu_s: number;
}

/** Runs each step on a scratch store beside `storePath` (removed after), in order, one transaction each. */
export function sqliteFloor(storePath: string): FloorStep[] {
  const scratch = `${storePath}-floor`;
  const remove = (): void => {
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(f, { force: true });
  };
  remove();
  const db = openStoreForWriting(scratch);
  try {
    db.prepare('ATTACH ? AS done').run(storePath);
    const statementRows = db.prepare(`SELECT sql FROM done.sqlite_master WHERE name = 'statement_rows'`).pluck().get() as string;
    const steps: Array<[string, string]> = [
      ['entries', 'INSERT INTO main.entries SELECT * FROM done.entries'],
      ['their indexes', INDEX_SQL],
      ['statement rows', `${statementRows}; INSERT INTO main.statement_rows SELECT * FROM done.statement_rows`],
      ['text index', `${TEXT_INDEX_SCHEMA}; INSERT INTO main.entry_words (rowid, text) SELECT id, ${INDEXED_TEXT_SQL} FROM main.entries`],
    ];
    return steps.map(([label, sql]) => {
      const started = cpuSeconds();
      db.exec(`BEGIN; ${sql}; COMMIT`);
      return { label, cpu_s: cpuSeconds() - started };
    });
  } finally {
    db.close();
    remove();
  }
}
