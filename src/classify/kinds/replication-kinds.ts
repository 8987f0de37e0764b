import type { KindInfo } from '../kind-info.js';

/** Streaming replication, recovery on a standby, logical decoding and WAL archiving. */
export const REPLICATION_KINDS = {
  replication_streaming: {
    family: 'replication',
    description: 'A walreceiver (re)started streaming from the primary.',
    patterns: [
      'started streaming WAL from primary at %X/%X on timeline %u',
      'restarted WAL streaming at %X/%X on timeline %u',
    ],
  },
  replication_lost: {
    family: 'replication',
    description: 'The standby lost or could not open its stream from the primary.',
    patterns: [
      'replication terminated by primary server',
      ['could not receive data from WAL stream: %s', '08006'],
      ['could not connect to the primary server: %s', '08006'],
      ['could not send end-of-streaming message to primary: %s', '08006'],
    ],
  },
  walsender_timeout: {
    family: 'replication',
    description: 'The primary dropped a standby that stopped answering (wal_sender_timeout).',
    patterns: ['terminating walsender process due to replication timeout'],
  },
  walreceiver_timeout: {
    family: 'replication',
    description: 'The standby dropped a primary that stopped sending (wal_receiver_timeout).',
    sqlstate: '08006',
    patterns: ['terminating walreceiver due to timeout'],
  },
  standby_recovery: {
    family: 'replication',
    description: 'Archive/standby recovery progress: standby mode, consistency, waiting for WAL.',
    patterns: [
      'entering standby mode',
      'starting archive recovery',
      'starting point-in-time recovery to %s',
      'starting backup recovery with redo LSN %X/%X, checkpoint LSN %X/%X, on timeline ID %u',
      'completed backup recovery with redo LSN %X/%X and end LSN %X/%X',
      'consistent recovery state reached at %X/%X',
      'waiting for WAL to become available at %X/%X',
      'restored log file "%s" from archive',
    ],
  },
  promoted: {
    family: 'replication',
    description: 'A standby was promoted: recovery ends on a new timeline.',
    patterns: [
      'received promote request',
      'promote trigger file found: %s',
      'selected new timeline ID: %u',
      'archive recovery complete',
      'last completed transaction was at log time %s',
    ],
  },
  wal_removed: {
    family: 'replication',
    description: 'A standby or slot asked for WAL the primary no longer has.',
    sqlstate: '58P01',
    patterns: ['requested WAL segment %s has already been removed'],
  },
  slot_invalidated: {
    family: 'replication',
    description: 'A replication slot was invalidated (max_slot_wal_keep_size, conflicts).',
    patterns: [
      'invalidating slot "%s" because its restart_lsn %X/%X exceeds max_slot_wal_keep_size',
      'invalidating obsolete replication slot "%s"',
    ],
  },
  logical_decoding: {
    family: 'replication',
    description: 'A logical decoding session (CDC, subscription) started or found its start point.',
    patterns: [
      'starting logical decoding for slot "%s"',
      'logical decoding found consistent point at %X/%X',
      'logical decoding found initial starting point at %X/%X',
      'logical decoding found initial consistent point at %X/%X',
    ],
  },
  archive_failed: {
    family: 'replication',
    description: 'archive_command failed; WAL piles up in pg_wal until it succeeds.',
    patterns: [
      'archive command failed with exit code %d',
      // The archiver exits on these (FATAL, no code of its own).
      ['archive command was terminated by signal %d: %s', 'XX000'],
      ['archive command was terminated by exception 0x%X', 'XX000'],
      'archiving write-ahead log file "%s" failed too many times, will try again later',
      'archiving transaction log file "%s" failed too many times, will try again later',
    ],
  },
} as const satisfies Record<string, KindInfo>;
