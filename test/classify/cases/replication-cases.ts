import type { Case } from './case.js';

export const REPLICATION_CASES: readonly Case[] = [
  ['replication_streaming', 'LOG', 'started streaming WAL from primary at 0/24000000 on timeline 1'],
  ['replication_lost', 'LOG', 'replication terminated by primary server'],
  ['replication_lost', 'FATAL', 'could not connect to the primary server: connection to server at "127.0.0.1", port 5498 failed: FATAL:  the database system is shutting down', '08006'],
  ['replication_lost', 'FATAL', 'could not send end-of-streaming message to primary: SSL connection has been closed unexpectedly\nno COPY in progress', '08006'],
  // wording of PG 9.6-18 (walreceiver read error)
  ['replication_lost', 'FATAL', 'could not receive data from WAL stream: server closed the connection unexpectedly'],
  ['walsender_timeout', 'LOG', 'terminating walsender process due to replication timeout'],
  ['walreceiver_timeout', 'FATAL', 'terminating walreceiver due to timeout', '08006'],
  ['standby_recovery', 'LOG', 'entering standby mode'],
  ['standby_recovery', 'LOG', 'consistent recovery state reached at 0/230001B0'],
  ['standby_recovery', 'LOG', 'starting backup recovery with redo LSN 0/230000D8, checkpoint LSN 0/23000110, on timeline ID 1'],
  ['standby_recovery', 'LOG', 'waiting for WAL to become available at 0/270000B8'],
  ['promoted', 'LOG', 'received promote request'],
  ['promoted', 'LOG', 'selected new timeline ID: 2'],
  ['promoted', 'LOG', 'archive recovery complete'],
  ['promoted', 'LOG', 'last completed transaction was at log time 2026-11-26 16:56:17.113751+00'],
  // wording of PG 9.6-18 (walsender asked for a recycled segment)
  ['wal_removed', 'ERROR', 'requested WAL segment 000000010000000000000003 has already been removed'],
  // wording of PG 13-15
  ['slot_invalidated', 'LOG', 'invalidating slot "standby1" because its restart_lsn 0/3000000 exceeds max_slot_wal_keep_size'],
  // wording of PG 16+
  ['slot_invalidated', 'LOG', 'invalidating obsolete replication slot "standby1"'],
  ['logical_decoding', 'LOG', 'starting logical decoding for slot "cdc"'],
  ['logical_decoding', 'LOG', 'logical decoding found consistent point at 0/280000D8'],
  ['archive_failed', 'LOG', 'archive command failed with exit code 1'],
  ['archive_failed', 'FATAL', 'archive command was terminated by signal 9: Killed', 'XX000'],
  ['archive_failed', 'WARNING', 'archiving write-ahead log file "000000010000000000000001" failed too many times, will try again later', '01000'],
  // wording of PG 9.6
  ['archive_failed', 'WARNING', 'archiving transaction log file "000000010000000000000001" failed too many times, will try again later'],
];
