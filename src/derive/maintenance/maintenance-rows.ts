/** One `maintenance` row's values from one entry, by kind. */
import { parseAutovacuum, type AutovacuumReport, type Kind } from '../../classify/index.js';
import type { StoredEntry } from '../deriver.js';

export type MaintenanceRow = Record<string, string | number | null>;

function reportColumns(r: AutovacuumReport): MaintenanceRow {
  return {
    database_name: r.database || null, schema_name: r.schema || null, table_name: r.table,
    aggressive: r.aggressive ? 1 : 0, wraparound: r.wraparound ? 1 : 0, index_scans: r.indexScans ?? null,
    pages_removed: r.pagesRemoved ?? null, pages_remain: r.pagesRemain ?? null, pages_scanned: r.pagesScanned ?? null,
    tuples_removed: r.tuplesRemoved ?? null, tuples_remain: r.tuplesRemain ?? null,
    tuples_dead_not_removable: r.tuplesDeadNotRemovable ?? null, buffer_hits: r.bufferHits ?? null,
    buffer_misses: r.bufferMisses ?? null, buffer_dirtied: r.bufferDirtied ?? null, wal_records: r.walRecords ?? null,
    wal_fpi: r.walFpi ?? null, wal_bytes: r.walBytes ?? null, avg_read_mbs: r.avgReadMBs ?? null,
    avg_write_mbs: r.avgWriteMBs ?? null, cpu_user_s: r.cpuUserS ?? null, cpu_system_s: r.cpuSystemS ?? null,
    elapsed_s: r.elapsedS ?? null,
  };
}

/** The table an interrupted autovacuum worker was on, from its CONTEXT (`automatic vacuum of table "db.s.t"`). */
function interrupted(operation: 'canceled' | 'terminated'): (e: StoredEntry) => MaintenanceRow | undefined {
  return (e) => {
    const line = e.context?.split('\n').map((l) => l.trim()).find((l) => l.startsWith('automatic '));
    const r = line === undefined ? undefined : parseAutovacuum(line);
    if (!r) return { operation };
    return {
      operation, database_name: r.database || null, schema_name: r.schema || null, table_name: r.table,
      aggressive: r.aggressive ? 1 : 0, wraparound: r.wraparound ? 1 : 0,
    };
  };
}

const WRAPAROUND_WARNING =
  /^database (?:"(.*)"|with OID (\d+)) must be vacuumed (?:within (\d+) transactions|before (\d+) more MultiXactIds are used)/;
const WRAPAROUND_STOP = /in database (?:"(.*)"|with OID (\d+))$/;
const SKIPPED = /^(?:skipping (?:vacuum|analyze) of|skipping|permission denied to vacuum) "(.*?)"/;

export const MAINTENANCE_ROWS: Partial<Record<Kind, (e: StoredEntry) => MaintenanceRow | undefined>> = {
  autovacuum: (e) => {
    const r = parseAutovacuum(e.message);
    return r && { operation: r.operation, ...reportColumns(r) };
  },
  autoanalyze: (e) => {
    const r = parseAutovacuum(e.message);
    return r && { operation: r.operation, ...reportColumns(r) };
  },
  autovacuum_canceled: interrupted('canceled'),
  // `terminating autovacuum process due to administrator command` only: other terminations are sessions'.
  admin_terminated: (e) => (e.message.startsWith('terminating autovacuum process') ? interrupted('terminated')(e) : undefined),
  vacuum_skipped: (e) => {
    const m = SKIPPED.exec(e.message);
    return { operation: 'skipped', table_name: m?.[1] ?? null };
  },
  wraparound_warning: (e) => {
    const m = WRAPAROUND_WARNING.exec(e.message);
    if (!m) return { operation: 'wraparound_warning' };
    return { operation: 'wraparound_warning', database_name: m[1] ?? `OID ${m[2]}`, ids_left: Number(m[3] ?? m[4]) };
  },
  wraparound_stop: (e) => {
    const m = WRAPAROUND_STOP.exec(e.message);
    return { operation: 'wraparound_stop', database_name: m ? m[1] ?? `OID ${m[2]}` : null };
  },
};
