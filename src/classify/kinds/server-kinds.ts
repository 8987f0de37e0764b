import type { KindInfo } from '../kind-info.js';

/** The postmaster's life: start, crash, recovery, reload, shutdown, resources. */
export const SERVER_KINDS = {
  startup: {
    family: 'server',
    description: 'The postmaster starts: version banner, listen addresses, log redirection.',
    patterns: [
      'starting PostgreSQL %s',
      'listening on IPv4 address "%s", port %d',
      'listening on IPv6 address "%s", port %d',
      'listening on Unix socket "%s"',
      'redirecting log output to logging collector process',
      'ending log output to stderr',
    ],
  },
  startup_failed: {
    family: 'server',
    description: 'The postmaster cannot start (port taken, lock file, shared memory).',
    patterns: [
      'could not bind IPv4 address "%s": %s',
      'could not bind IPv6 address "%s": %s',
      'could not bind Unix address "%s": %s',
      'could not create listen socket for "%s"',
      'could not create any TCP/IP sockets',
      'could not create lock file "%s": %s',
      'lock file "%s" already exists',
      'could not map anonymous shared memory: %s',
      'could not create shared memory segment: %s',
      'pre-existing shared memory block (key %u, ID %u) is still in use',
    ],
  },
  clean_startup: {
    family: 'server',
    description: 'Startup found a clean shutdown checkpoint, and says when it was.',
    patterns: ['database system was shut down at %s', 'database system was shut down in recovery at %s'],
  },
  ready: {
    family: 'server',
    description: 'The server accepts connections (read-only ones on a standby).',
    patterns: [
      'database system is ready to accept connections',
      'database system is ready to accept read-only connections',
    ],
  },
  server_crash: {
    family: 'server',
    description: 'A child process died abnormally; the postmaster will reset all sessions.',
    patterns: [
      'server process (PID %d) was terminated by signal %d: %s',
      'server process (PID %d) exited with exit code %d',
      '%s (PID %d) was terminated by signal %d: %s',
      '%s (PID %d) was terminated by signal %d',
      '%s (PID %d) exited with exit code %d',
      '%s (PID %d) was terminated by exception 0x%X',
      '%s (PID %d) exited with unrecognized status %d',
    ],
  },
  worker_exited: {
    family: 'server',
    description: 'A background worker stopped with exit code 1, its normal way out (e.g. at shutdown).',
    patterns: ['background worker "%s" (PID %d) exited with exit code 1'],
  },
  terminating_others: {
    family: 'server',
    description: 'After a crash the postmaster kills every other backend.',
    patterns: ['terminating any other active server processes'],
  },
  crash_terminated_connection: {
    family: 'server',
    description: 'A backend dies on SIGQUIT: another one crashed (server log up to 13; 14+ tell only the client), or someone sent it.',
    sqlstate: '57P02',
    patterns: [
      'terminating connection because of crash of another server process',
      ['terminating connection because of unexpected SIGQUIT signal', '57P01'],
    ],
  },
  reinitializing: {
    family: 'server',
    description: 'All backends are gone; shared memory is reset and crash recovery starts.',
    patterns: ['all server processes terminated; reinitializing'],
  },
  recovery_interrupted: {
    family: 'server',
    description: 'Startup found an unclean stop: the last time the server was known up.',
    patterns: [
      'database system was interrupted; last known up at %s',
      'database system was interrupted while in recovery at log time %s',
      'database system was interrupted while in recovery at %s',
    ],
  },
  recovery_not_properly_shutdown: {
    family: 'server',
    description: 'Crash recovery begins.',
    patterns: ['database system was not properly shut down; automatic recovery in progress'],
  },
  redo_start: {
    family: 'server',
    description: 'WAL replay starts at this LSN.',
    patterns: ['redo starts at %X/%X'],
  },
  redo_done: {
    family: 'server',
    description: 'WAL replay finished (with its cost since 14), or was not needed.',
    patterns: ['redo done at %X/%X system usage: %s', 'redo done at %X/%X', 'redo is not required'],
  },
  wal_invalid_record: {
    family: 'server',
    description: 'Reading WAL stopped at an invalid record: normally just the end of WAL.',
    patterns: [
      'invalid record length at %X/%X: wanted %u, got %u',
      'invalid record length at %X/%X: expected at least %u, got %u',
      'record with incorrect prev-link %X/%X at %X/%X',
      'invalid magic number %s',
      'invalid resource manager ID %u at %X/%X',
      'incorrect resource manager data checksum in record at %X/%X',
      'record length %u at %X/%X too long',
    ],
  },
  shutdown_request: {
    family: 'server',
    description: 'pg_ctl stop (smart/fast/immediate) or a signal asked the server to stop.',
    patterns: [
      'received smart shutdown request',
      'received fast shutdown request',
      'received immediate shutdown request',
    ],
  },
  shutting_down: {
    family: 'server',
    description: 'Shutdown in progress: sessions aborted, shutdown checkpoint next.',
    patterns: ['aborting any active transactions', 'shutting down'],
  },
  shut_down: {
    family: 'server',
    description: 'The server has stopped.',
    patterns: ['database system is shut down'],
  },
  config_reload: {
    family: 'server',
    description: 'SIGHUP / pg_reload_conf(): configuration files are re-read.',
    patterns: ['received SIGHUP, reloading configuration files'],
  },
  parameter_changed: {
    family: 'server',
    description: 'A reload changed a setting, or removed it back to its default.',
    patterns: [
      'parameter "%s" changed to "%s"',
      'parameter "%s" removed from configuration file, reset to default',
    ],
  },
  config_error: {
    family: 'server',
    description: 'A configuration file has an error, or a change needs a restart.',
    severities: ['LOG', 'FATAL', 'WARNING'],
    patterns: [
      ['parameter "%s" cannot be changed without restarting the server', '55P02'],
      ['configuration file "%s" contains errors; unaffected changes were applied', 'F0000'],
      ['configuration file "%s" contains errors; no changes were applied', 'F0000'],
      ['configuration file "%s" contains errors', 'F0000'],
      ['unrecognized configuration parameter "%s" in file "%s" line %d', '42704'],
      ['invalid value for parameter "%s": "%s"', '22023'],
      ['syntax error in file "%s" line %u, near token "%s"', '42601'],
      ['syntax error in file "%s" line %u, near end of line', '42601'],
      ['could not open configuration file "%s": %s', '58030'],
    ],
  },
  out_of_memory: {
    family: 'server',
    description: 'An allocation failed; DETAIL names the size and memory context.',
    sqlstate: '53200',
    patterns: ['out of memory'],
  },
  disk_full: {
    family: 'server',
    description: 'A write found no space left on the device.',
    sqlstate: '53100',
    patterns: [
      'could not extend file "%s": No space left on device',
      'could not write to file "%s": No space left on device',
      'could not resize shared memory segment "%s" to %s bytes: No space left on device',
      'could not create directory "%s": No space left on device',
    ],
  },
} as const satisfies Record<string, KindInfo>;
