/**
 * Relation names for the OIDs that lock messages print. Waits on a tuple lock name
 * the OID (`tuple (0,4) of relation 16398 of database 16387`); waits on the row's
 * transaction name the relation in CONTEXT (`while updating tuple (0,4) in relation
 * "orders"`). The same tuple address in both, seconds apart, pairs OID and name;
 * one pairing names every other wait or deadlock on that relation. A relation lock
 * waited for by DDL (`ALTER TABLE products …`) is named by the DDL itself.
 */
import { parseDeadlockContext, parseLockWait } from '../classify/index.js';
import type { Deriver } from './deriver.js';
import { isoMs } from './iso-time.js';

/** Statements that lock exactly the one table they name. */
const DDL_TARGET = /^\s*(?:ALTER\s+TABLE(?:\s+ONLY)?(?:\s+IF\s+EXISTS)?|LOCK(?:\s+TABLE)?(?:\s+ONLY)?|TRUNCATE(?:\s+TABLE)?(?:\s+ONLY)?|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|VACUUM\s+FULL|CLUSTER|REINDEX\s+TABLE)\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)\s*(?:;|\s|$)/i;

export const relationNamesDeriver: Deriver = {
  name: 'relation_names',
  tables: ['relation_names'],
  schema: `
CREATE TABLE relation_names (
  database_oid  INTEGER NOT NULL,
  relation_oid  INTEGER NOT NULL,
  name          TEXT NOT NULL,
  entry_id      INTEGER NOT NULL,
  PRIMARY KEY (database_oid, relation_oid)
);`,
  start(db) {
    const insert = db.prepare(`INSERT OR IGNORE INTO relation_names (database_oid, relation_oid, name, entry_id) VALUES (?, ?, ?, ?)`);
    const PAIRING_MS = 5_000;
    const oids = new Map<string, { database: number; relation: number; at: number }>();
    const names = new Map<string, { name: string; at: number; entryId: number }>();
    return {
      push(e) {
        if (e.family !== 'lock' && e.family !== 'deadlock') return;
        const at = e.ts === null ? NaN : isoMs(e.ts);
        const wait = parseLockWait(e.message);
        if (wait?.object.type === 'tuple') {
          const o = wait.object;
          const key = `${o.page},${o.tuple}`;
          oids.set(key, { database: o.database, relation: o.relation, at });
          const named = names.get(key);
          if (named && Math.abs(named.at - at) <= PAIRING_MS) insert.run(o.database, o.relation, named.name, named.entryId);
        }
        // DDL names the relation it waits for a relation lock on: ALTER TABLE products … waiting on relation 16393.
        if (wait?.object.type === 'relation' && e.statement !== null) {
          const ddl = DDL_TARGET.exec(e.statement);
          if (ddl) insert.run(wait.object.database, wait.object.relation, ddl[1]!.replace(/"/g, ''), e.id);
        }
        const where = e.context === null ? undefined : parseDeadlockContext(e.context);
        if (where) {
          const key = `${where.page},${where.tuple}`;
          names.set(key, { name: where.relation, at, entryId: e.id });
          const oid = oids.get(key);
          if (oid && Math.abs(oid.at - at) <= PAIRING_MS) insert.run(oid.database, oid.relation, where.relation, e.id);
        }
      },
      finish() {},
    };
  },
};

/** Fills `relation` in a derived table from relation_names where the row has OIDs but no name. */
export function nameRelations(db: Parameters<Deriver['start']>[0], table: 'lock_waits' | 'deadlock_participants', column: string): void {
  db.exec(
    `UPDATE ${table} SET ${column} = (SELECT name FROM relation_names r WHERE r.relation_oid = ${table}.relation_oid AND r.database_oid = ${table}.database_oid)
      WHERE ${column} IS NULL AND relation_oid IS NOT NULL`,
  );
}
