import type { KindInfo } from '../kind-info.js';

/** Autovacuum and the transaction-ID wraparound it exists to prevent. */
export const MAINTENANCE_KINDS = {
  autovacuum: {
    family: 'maintenance',
    description: 'An autovacuum run report (log_autovacuum_min_duration): pages, tuples, buffers, WAL, time.',
    patterns: [
      'automatic vacuum of table "%s": index scans: %d',
      'automatic aggressive vacuum of table "%s": index scans: %d',
      'automatic aggressive vacuum to prevent wraparound of table "%s": index scans: %d',
      'automatic vacuum to prevent wraparound of table "%s": index scans: %d',
    ],
  },
  autoanalyze: {
    family: 'maintenance',
    description: 'An autoanalyze run report.',
    patterns: ['automatic analyze of table "%s"'],
  },
  vacuum_skipped: {
    family: 'maintenance',
    description: 'VACUUM/ANALYZE skipped a table (lock not available, dropped, not allowed).',
    patterns: [
      ['skipping vacuum of "%s" --- lock not available', '55P03'],
      ['skipping analyze of "%s" --- lock not available', '55P03'],
      'skipping vacuum of "%s" --- relation no longer exists',
      'skipping analyze of "%s" --- relation no longer exists',
      'skipping "%s" --- only superuser can vacuum it',
      'skipping "%s" --- only table or database owner can vacuum it',
      'permission denied to vacuum "%s", skipping it',
    ],
  },
  wraparound_warning: {
    family: 'maintenance',
    description: 'XID or MultiXact wraparound is getting close: a database needs VACUUM soon.',
    patterns: [
      'database "%s" must be vacuumed within %u transactions',
      'database with OID %u must be vacuumed within %u transactions',
      'database "%s" must be vacuumed before %u more MultiXactIds are used',
      'database with OID %u must be vacuumed before %u more MultiXactIds are used',
    ],
  },
  wraparound_stop: {
    family: 'maintenance',
    description: 'Wraparound protection: the server refuses to assign new XIDs / MultiXactIds.',
    sqlstate: '54000',
    patterns: [
      'database is not accepting commands to avoid wraparound data loss in database "%s"',
      'database is not accepting commands that assign new transaction IDs to avoid wraparound data loss in database "%s"',
      // wording of PG 17+
      'database is not accepting commands that assign new XIDs to avoid wraparound data loss in database "%s"',
      'database is not accepting commands that generate new MultiXactIds to avoid wraparound data loss in database "%s"',
      'database is not accepting commands that assign new MultiXactIds to avoid wraparound data loss in database "%s"',
      'database is not accepting commands to avoid wraparound data loss in database with OID %u',
    ],
  },
} as const satisfies Record<string, KindInfo>;
