import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContainerLineReader, detectEnvelope, logStreamOf, type ContainerEnvelope } from '../../src/parse/container-line.js';
import { detectFormat } from '../../src/parse/format-detection.js';

/** A real line of samples/run-main/03-lock-waits.log, as PostgreSQL wrote it. */
const PG = '2026-11-26 17:01:25.381 UTC [26842] [user=[unknown],db=[unknown],app=[unknown],client=127.0.0.1,xid=0,sess=6b0865e5.68da,line=1] LOG:  connection received: host=127.0.0.1 port=52286';

const RECORDS: Array<{ envelope: ContainerEnvelope; line: string; want: ReturnType<ReturnType<typeof createContainerLineReader>> }> = [
  { envelope: 'timestamps', line: `2026-11-26T17:01:25.381234567Z ${PG}`, want: { ts: '2026-11-26T17:01:25.381Z', stream: '', complete: true, text: PG } },
  { envelope: 'timestamps', line: `2026-11-26T18:01:25+01:00 ${PG}`, want: { ts: '2026-11-26T17:01:25.000Z', stream: '', complete: true, text: PG } },
  { envelope: 'timestamps', line: PG, want: undefined },
  { envelope: 'cri', line: `2026-11-26T17:01:25.381234567Z stderr F ${PG}`, want: { ts: '2026-11-26T17:01:25.381Z', stream: 'stderr', complete: true, text: PG } },
  { envelope: 'cri', line: `2026-11-26T17:01:25.381234567Z stdout P ${PG.slice(0, 40)}`, want: { ts: '2026-11-26T17:01:25.381Z', stream: 'stdout', complete: false, text: PG.slice(0, 40) } },
  { envelope: 'cri', line: '2026-11-26T17:01:25.381234567Z stderr F', want: { ts: '2026-11-26T17:01:25.381Z', stream: 'stderr', complete: true, text: '' } },
  { envelope: 'cri', line: `2026-11-26T17:01:25.381234567Z stderr X ${PG}`, want: undefined },
  {
    envelope: 'docker-json',
    line: JSON.stringify({ log: `${PG}\n`, stream: 'stderr', time: '2026-11-26T17:01:25.381234567Z' }),
    want: { ts: '2026-11-26T17:01:25.381Z', stream: 'stderr', complete: true, text: PG },
  },
  {
    envelope: 'docker-json',
    line: JSON.stringify({ log: '\tFROM accounts;\r\n', stream: 'stderr', time: '2026-11-26T17:01:25.381234567Z' }),
    want: { ts: '2026-11-26T17:01:25.381Z', stream: 'stderr', complete: true, text: '\tFROM accounts;' },
  },
  { envelope: 'docker-json', line: JSON.stringify({ log: PG.slice(0, 40), stream: 'stderr' }), want: { stream: 'stderr', complete: false, text: PG.slice(0, 40) } },
  { envelope: 'docker-json', line: '{"log": 3}', want: undefined },
  { envelope: 'docker-json', line: '{"log":"unterminated', want: undefined },
];

for (const { envelope, line, want } of RECORDS) {
  test(`container record (${envelope}): ${line.slice(0, 60)}…`, () => {
    assert.deepEqual(createContainerLineReader(envelope)(line), want);
  });
}

const wrapped = (envelope: ContainerEnvelope, text: string, stream = 'stderr'): string =>
  envelope === 'timestamps'
    ? `2026-11-26T17:01:25.381234567Z ${text}`
    : envelope === 'cri'
      ? `2026-11-26T17:01:25.381234567Z ${stream} F ${text}`
      : JSON.stringify({ log: `${text}\n`, stream, time: '2026-11-26T17:01:25.381234567Z' });

for (const envelope of ['timestamps', 'cri', 'docker-json'] as const) {
  test(`detection: lines in ${envelope} records are a container log, in that envelope`, () => {
    const lines = [wrapped(envelope, PG), wrapped(envelope, '\tcontinued'), wrapped(envelope, PG)];
    assert.equal(detectFormat(lines), 'container');
    assert.equal(detectEnvelope(lines), envelope);
  });
}

test('detection: the plain formats are not taken for container records', () => {
  assert.equal(detectFormat([PG, PG]), 'stderr');
  // An application's own timestamped lines, with no PostgreSQL log line after the time.
  assert.equal(detectFormat(['2026-11-26T17:01:25Z GET /health 200', '2026-11-26T17:01:26Z GET /health 200']), 'unknown');
  // rsyslog's high-precision header is syslog, not a timestamped record.
  assert.equal(detectFormat([`2026-11-26T16:45:31.850201+00:00 vm postgres[4699]: [1-1] ${PG}`]), 'syslog');
  assert.equal(detectFormat([`<134>1 2026-11-26T16:45:31.850201+00:00 vm postgres 4699 - -  [1-1] ${PG}`]), 'syslog');
  // PostgreSQL's own jsonlog.
  assert.equal(detectFormat(['{"timestamp":"2026-11-26 17:01:25.381 UTC","pid":26842,"error_severity":"LOG","message":"connection received"}']), 'json');
});

test("the log stream is the one with PostgreSQL's lines, whichever it is", () => {
  const chatter = (stream: string) => wrapped('cri', 'waiting for server to start....', stream);
  assert.equal(logStreamOf('cri', [chatter('stdout'), wrapped('cri', PG), chatter('stdout')]), 'stderr');
  assert.equal(logStreamOf('cri', [chatter('stderr'), wrapped('cri', PG, 'stdout')]), 'stdout');
  assert.equal(logStreamOf('timestamps', [wrapped('timestamps', PG)]), '');
});

test("detection: CloudNativePG's JSON lines, plain or in a runtime's records, are neither jsonlog nor docker records", () => {
  // The record of pganalyze's documentation of CloudNativePG's output.
  const record = '{"level":"info","ts":"2025-12-09T00:32:20.823314307Z","logger":"postgres","msg":"record","logging_pod":"cluster-test1-1","record":{"log_time":"2025-12-09 00:32:20.822 UTC","user_name":"postgres","database_name":"postgres","process_id":"4003","connection_from":"[local]","session_id":"69376dbf.fa3","session_line_num":"1","command_tag":"SELECT","session_start_time":"2025-12-09 00:30:55 UTC","virtual_transaction_id":"2/81","transaction_id":"0","error_severity":"LOG","sql_state_code":"00000","message":"duration: 100.000 ms  statement: SELECT 1","application_name":"psql","backend_type":"client backend"}}';
  const manager = '{"level":"info","ts":"2025-12-09T00:32:21Z","msg":"Checkpoint finished","logging_pod":"cluster-test1-1"}';
  assert.equal(detectFormat([record, manager, record]), 'cloudnative-pg');
  const cri = [record, manager].map((l) => `2025-12-09T00:32:20.823314307Z stdout F ${l}`);
  assert.equal(detectFormat(cri), 'container');
  assert.equal(detectEnvelope(cri), 'cri');
  assert.equal(detectEnvelope([`2025-12-09T00:32:20.823314307Z ${record}`]), 'timestamps');
});
