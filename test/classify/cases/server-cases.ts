import type { Case } from './case.js';

export const SERVER_CASES: readonly Case[] = [
  ['startup', 'LOG', 'starting PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit'],
  ['startup', 'LOG', 'listening on IPv4 address "127.0.0.1", port 5498'],
  ['startup', 'LOG', 'listening on Unix socket "/tmp/pgcap/sock/.s.PGSQL.5498"'],
  ['startup_failed', 'LOG', 'could not bind IPv4 address "127.0.0.1": Address already in use'],
  ['startup_failed', 'WARNING', 'could not create listen socket for "127.0.0.1"'],
  ['startup_failed', 'FATAL', 'could not create any TCP/IP sockets'],
  ['clean_startup', 'LOG', 'database system was shut down at 2026-11-26 16:52:15 UTC'],
  ['ready', 'LOG', 'database system is ready to accept connections'],
  ['ready', 'LOG', 'database system is ready to accept read-only connections'],
  ['server_crash', 'LOG', 'server process (PID 13927) was terminated by signal 9: Killed'],
  ['server_crash', 'LOG', 'server process (PID 13971) exited with exit code 2'],
  // wording of PG 9.6-18 (an auxiliary process dying)
  ['server_crash', 'LOG', 'checkpointer process (PID 7669) was terminated by signal 6: Aborted'],
  // wording of PG 9.6-18 (a background worker crashing, not stopping)
  ['server_crash', 'LOG', 'background worker "logical replication launcher" (PID 14563) was terminated by signal 11: Segmentation fault'],
  ['worker_exited', 'LOG', 'background worker "logical replication launcher" (PID 13981) exited with exit code 1'],
  ['terminating_others', 'LOG', 'terminating any other active server processes'],
  // wording of PG 9.6-13 (14+ send it to the client only)
  ['crash_terminated_connection', 'WARNING', 'terminating connection because of crash of another server process', '57P02'],
  ['crash_terminated_connection', 'WARNING', 'terminating connection because of unexpected SIGQUIT signal', '57P01'],
  ['reinitializing', 'LOG', 'all server processes terminated; reinitializing'],
  ['recovery_interrupted', 'LOG', 'database system was interrupted; last known up at 2026-11-26 16:55:04 UTC'],
  ['recovery_not_properly_shutdown', 'LOG', 'database system was not properly shut down; automatic recovery in progress'],
  ['redo_start', 'LOG', 'redo starts at 0/1D400B68'],
  ['redo_done', 'LOG', 'redo done at 0/1F25D028 system usage: CPU: user: 0.03 s, system: 0.02 s, elapsed: 0.07 s'],
  ['redo_done', 'LOG', 'redo is not required'],
  // wording of PG 9.6-13
  ['redo_done', 'LOG', 'redo done at 0/1F25D028'],
  ['wal_invalid_record', 'LOG', 'invalid record length at 0/1F25D050: wanted 24, got 0'],
  // wording of PG 17+
  ['wal_invalid_record', 'LOG', 'invalid record length at 0/3000060: expected at least 24, got 0'],
  ['shutdown_request', 'LOG', 'received smart shutdown request'],
  ['shutdown_request', 'LOG', 'received fast shutdown request'],
  ['shutdown_request', 'LOG', 'received immediate shutdown request'],
  ['shutting_down', 'LOG', 'aborting any active transactions'],
  ['shutting_down', 'LOG', 'shutting down'],
  ['shut_down', 'LOG', 'database system is shut down'],
  ['config_reload', 'LOG', 'received SIGHUP, reloading configuration files'],
  ['parameter_changed', 'LOG', 'parameter "work_mem" changed to "8MB"'],
  ['parameter_changed', 'LOG', 'parameter "log_statement" removed from configuration file, reset to default'],
  ['config_error', 'LOG', 'parameter "max_connections" cannot be changed without restarting the server', '55P02'],
  ['config_error', 'LOG', 'configuration file "/tmp/pgcap/data/postgresql.auto.conf" contains errors; unaffected changes were applied', 'F0000'],
  ['config_error', 'LOG', 'configuration file "/tmp/pgcap/data/postgresql.conf" contains errors; no changes were applied'],
  ['config_error', 'LOG', 'unrecognized configuration parameter "bogus_param" in file "/tmp/pgcap/data/postgresql.conf" line 837', '42704'],
  ['config_error', 'LOG', 'syntax error in file "/tmp/pgcap/data/postgresql.conf" line 837, near token "\'"', '42601'],
  ['config_error', 'LOG', 'invalid value for parameter "lock_timeout": "abc"', '22023'],
  ['out_of_memory', 'ERROR', 'out of memory', '53200'],
  ['out_of_memory', 'ERROR', 'out of memory'],
  ['disk_full', 'ERROR', 'could not extend file "pg_tblspc/24578/PG_15_202209061/16388/24579": No space left on device', '53100'],
  ['disk_full', 'ERROR', 'could not extend file "pg_tblspc/24578/PG_15_202209061/16388/24579": No space left on device'],
  // wording of PG 9.6-18 (parallel query in a small /dev/shm)
  ['disk_full', 'ERROR', 'could not resize shared memory segment "/PostgreSQL.1450751626" to 33554432 bytes: No space left on device'],
];

export const CHECKPOINT_CASES: readonly Case[] = [
  ['checkpoint_start', 'LOG', 'checkpoint starting: immediate force wait'],
  ['checkpoint_start', 'LOG', 'checkpoint starting: end-of-recovery immediate wait'],
  ['checkpoint_start', 'LOG', 'checkpoint starting: wal'],
  // wording of PG 19 development (the immediate flag renamed fast)
  ['checkpoint_start', 'LOG', 'checkpoint starting: fast force wait'],
  ['checkpoint_complete', 'LOG', 'checkpoint complete: wrote 4855 buffers (29.6%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.243 s, sync=0.245 s, total=0.533 s; sync files=932, longest=0.015 s, average=0.001 s; distance=31742 kB, estimate=31742 kB'],
  // wording of PG 17
  ['checkpoint_complete', 'LOG', 'checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.101 s, sync=0.002 s, total=0.106 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/14E8CA0, redo lsn=0/14E8C48'],
  // wording of PG 9.6
  ['checkpoint_complete', 'LOG', 'checkpoint complete: wrote 12 buffers (0.1%); 0 transaction log file(s) added, 0 removed, 1 recycled; write=1.105 s, sync=0.004 s, total=1.118 s; sync files=9, longest=0.002 s, average=0.000 s; distance=16384 kB, estimate=16384 kB'],
  ['checkpoint_too_frequent', 'LOG', 'checkpoints are occurring too frequently (0 seconds apart)'],
  ['checkpoint_too_frequent', 'LOG', 'checkpoints are occurring too frequently (1 second apart)'],
  ['restartpoint_start', 'LOG', 'restartpoint starting: immediate wait'],
  ['restartpoint_complete', 'LOG', 'restartpoint complete: wrote 1 buffers (0.0%); 0 WAL file(s) added, 0 removed, 1 recycled; write=0.001 s, sync=0.001 s, total=0.003 s; sync files=0, longest=0.000 s, average=0.000 s; distance=16383 kB, estimate=16383 kB'],
  ['restartpoint_at', 'LOG', 'recovery restart point at 0/24000028'],
];

export const MAINTENANCE_CASES: readonly Case[] = [
  ['autovacuum', 'LOG', 'automatic vacuum of table "shop.public.big": index scans: 1\n\tpages: 0 removed, 12000 remain, 12000 scanned (100.00% of total)'],
  ['autovacuum', 'LOG', 'automatic aggressive vacuum of table "template1.pg_catalog.pg_class": index scans: 0\npages: 0 removed, 14 remain, 14 scanned (100.00% of total)'],
  // wording of PG 12-18
  ['autovacuum', 'LOG', 'automatic aggressive vacuum to prevent wraparound of table "shop.public.events": index scans: 0'],
  ['autoanalyze', 'LOG', 'automatic analyze of table "shop.public.big"\n\tavg read rate: 12.989 MB/s, avg write rate: 25.329 MB/s'],
  // wording of PG 9.6-13
  ['autoanalyze', 'LOG', 'automatic analyze of table "shop.public.big" system usage: CPU: user: 0.11 s, system: 0.05 s, elapsed: 1.74 s'],
  ['vacuum_skipped', 'WARNING', 'skipping vacuum of "big" --- lock not available', '55P03'],
  ['vacuum_skipped', 'WARNING', 'skipping analyze of "big" --- lock not available'],
  // wording of PG 9.6-18 (varsup.c)
  ['wraparound_warning', 'WARNING', 'database "shop" must be vacuumed within 10985967 transactions'],
  // wording of PG 9.6-18 (multixact.c)
  ['wraparound_warning', 'WARNING', 'database "shop" must be vacuumed before 1048575 more MultiXactIds are used'],
  // wording of PG 9.6-15
  ['wraparound_stop', 'ERROR', 'database is not accepting commands to avoid wraparound data loss in database "shop"'],
  // wording of PG 16+
  ['wraparound_stop', 'ERROR', 'database is not accepting commands that assign new transaction IDs to avoid wraparound data loss in database "shop"', '54000'],
];
