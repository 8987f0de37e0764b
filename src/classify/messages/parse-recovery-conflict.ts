/** What a standby query held that WAL replay needed (the DETAIL of a recovery conflict). */
export type RecoveryConflictReason =
  | 'lock' | 'snapshot' | 'buffer_pin' | 'tablespace' | 'database' | 'deadlock' | 'logical_slot';

const REASONS: ReadonlyArray<[string, RecoveryConflictReason]> = [
  ['User was holding a relation lock for too long.', 'lock'],
  ['User query might have needed to see row versions that must be removed.', 'snapshot'],
  ['User was holding shared buffer pin for too long.', 'buffer_pin'],
  ['User was or might have been using tablespace that must be dropped.', 'tablespace'],
  ['User was connected to a database that must be dropped.', 'database'],
  ['User transaction caused buffer deadlock with recovery.', 'deadlock'],
  ['User was using a logical replication slot that must be invalidated.', 'logical_slot'],
];

/** DETAIL of `canceling statement due to conflict with recovery` / `terminating connection …`. */
export function parseRecoveryConflict(detail: string): RecoveryConflictReason | undefined {
  const d = detail.trim();
  return REASONS.find(([text]) => d.startsWith(text))?.[1];
}
