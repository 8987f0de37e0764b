/**
 * Autovacuum and autoanalyze runs (log_autovacuum_min_duration) with their
 * figures, the runs that were cancelled or terminated (with the table from the
 * CONTEXT), skipped tables, and the wraparound warnings that say VACUUM is late.
 */
import type { Deriver } from '../deriver.js';
import { MAINTENANCE_ROWS } from './maintenance-rows.js';
import { MAINTENANCE_SCHEMA } from './maintenance-schema.js';

const COLUMNS = [
  'ts', 'pid', 'operation', 'database_name', 'schema_name', 'table_name', 'aggressive', 'wraparound', 'index_scans',
  'pages_removed', 'pages_remain', 'pages_scanned', 'tuples_removed', 'tuples_remain', 'tuples_dead_not_removable',
  'buffer_hits', 'buffer_misses', 'buffer_dirtied', 'wal_records', 'wal_fpi', 'wal_bytes', 'avg_read_mbs', 'avg_write_mbs',
  'cpu_user_s', 'cpu_system_s', 'elapsed_s', 'ids_left', 'message', 'entry_id',
] as const;

export const maintenanceDeriver: Deriver = {
  name: 'maintenance',
  tables: ['maintenance'],
  schema: MAINTENANCE_SCHEMA,
  start(db) {
    const insert = db.prepare(`INSERT INTO maintenance (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    return {
      push(e) {
        const values = MAINTENANCE_ROWS[e.kind as keyof typeof MAINTENANCE_ROWS]?.(e);
        if (!values) return;
        const row: Record<string, unknown> = Object.fromEntries(COLUMNS.map((c) => [c, null]));
        Object.assign(row, values, { ts: e.ts, pid: e.pid, message: e.message.split('\n')[0]!, entry_id: e.id });
        insert.run(row);
      },
      finish() {},
    };
  },
};
