import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcessExit } from '../../src/classify/messages/parse-process-exit.js';
import { parseFailedProcess } from '../../src/classify/messages/parse-failed-process.js';
import { parseParameterChanged } from '../../src/classify/messages/parse-parameter-changed.js';
import { parseOutOfMemoryDetail } from '../../src/classify/messages/parse-out-of-memory.js';
import { parseRecoveryConflict } from '../../src/classify/messages/parse-recovery-conflict.js';

test('child process exits: signals, exit codes', () => {
  const cases: Array<[string, ReturnType<typeof parseProcessExit>]> = [
    ['server process (PID 13927) was terminated by signal 9: Killed',
      { process: 'server process', pid: 13927, how: 'signal', signal: 9, signalName: 'Killed' }],
    ['server process (PID 13971) exited with exit code 2', { process: 'server process', pid: 13971, how: 'exit', exitCode: 2 }],
    ['background worker "logical replication launcher" (PID 13981) exited with exit code 1',
      { process: 'background worker "logical replication launcher"', pid: 13981, how: 'exit', exitCode: 1 }],
    // wording of PG 9.6-18 (auxiliary process; signal without description)
    ['checkpointer process (PID 7669) was terminated by signal 6: Aborted',
      { process: 'checkpointer process', pid: 7669, how: 'signal', signal: 6, signalName: 'Aborted' }],
    ['server process (PID 5) was terminated by signal 77', { process: 'server process', pid: 5, how: 'signal', signal: 77 }],
    // wording of PG 9.6-18 on Windows
    ['server process (PID 5816) was terminated by exception 0xC0000005',
      { process: 'server process', pid: 5816, how: 'exception', code: 'C0000005' }],
    ['terminating any other active server processes', undefined],
  ];
  for (const [message, expected] of cases) assert.deepEqual(parseProcessExit(message), expected, message);
});

test('the query a crashed backend was running', () => {
  assert.equal(parseFailedProcess('Failed process was running: SELECT pg_sleep(10) /* oomvictim */'), 'SELECT pg_sleep(10) /* oomvictim */');
  assert.equal(parseFailedProcess('Failed process was running: UPDATE t\n\tSET x = 1'), 'UPDATE t\nSET x = 1');
  assert.equal(parseFailedProcess('The failed archive command was: false'), undefined);
});

test('parameter changes on reload', () => {
  assert.deepEqual(parseParameterChanged('parameter "work_mem" changed to "8MB"'), { name: 'work_mem', change: 'set', value: '8MB' });
  assert.deepEqual(parseParameterChanged('parameter "archive_command" changed to "false"'), { name: 'archive_command', change: 'set', value: 'false' });
  assert.deepEqual(parseParameterChanged('parameter "log_statement" removed from configuration file, reset to default'),
    { name: 'log_statement', change: 'reset' });
  assert.equal(parseParameterChanged('parameter "max_connections" cannot be changed without restarting the server'), undefined);
});

test('out of memory DETAIL', () => {
  assert.deepEqual(parseOutOfMemoryDetail('Failed on request of size 20 in memory context "ExecutorState".'),
    { requestBytes: 20, context: 'ExecutorState' });
  // wording of PG 9.6-10 (no context name)
  assert.deepEqual(parseOutOfMemoryDetail('Failed on request of size 8192.'), { requestBytes: 8192, context: '' });
});

test('recovery conflict reasons', () => {
  assert.equal(parseRecoveryConflict('User was holding a relation lock for too long.'), 'lock');
  // wordings of PG 9.6-18 (standby.c / postgres.c)
  assert.equal(parseRecoveryConflict('User query might have needed to see row versions that must be removed.'), 'snapshot');
  assert.equal(parseRecoveryConflict('User was holding shared buffer pin for too long.'), 'buffer_pin');
  assert.equal(parseRecoveryConflict('Something else.'), undefined);
});
