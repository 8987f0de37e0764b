import { definedOnly } from '../helpers/defined-only.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createCsvlogParser } from '../../src/parse/csvlog-parser.js';
import { createJsonlogParser } from '../../src/parse/jsonlog-parser.js';
import type { EntrySink, LineConsumer, LogEntry, UnparsedLine } from '../../src/parse/log-entry.js';

// Fixtures: jsonlog and csvlog written at the same time by one PostgreSQL 15.18 server.
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/formats/${name}`, import.meta.url), 'utf8');

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Result {
  entries: LogEntry[];
  unparsed: UnparsedLine[];
  warnings: Array<{ message: string; line: number | undefined }>;
}

function run(make: (sink: EntrySink) => LineConsumer, lines: readonly string[]): Result {
  const r: Result = { entries: [], unparsed: [], warnings: [] };
  const parser = make({
    entry: (e) => r.entries.push(definedOnly(e)),
    unparsed: (u) => r.unparsed.push(u),
    warn: (message, line) => r.warnings.push({ message, line }),
  });
  lines.forEach((text, i) => parser.push(text, i + 1));
  parser.flush();
  return r;
}

const parse = (lines: readonly string[]): Result => run((sink) => createJsonlogParser(sink, { file: 'test.json' }), lines);
const session = linesOf(fixture('pg15-session.json'));
const real = parse(session);
const find = (sessionId: string, line: number): LogEntry | undefined =>
  real.entries.find((e) => e.session_id === sessionId && e.session_line === line);

describe('createJsonlogParser on a real PostgreSQL 15 session', () => {
  it('reads every line', () => {
    assert.equal(real.entries.length, session.length);
    assert.deepEqual(real.unparsed, []);
    assert.deepEqual(real.warnings, []);
    assert.ok(real.entries.every((e, i) => e.lineStart === i + 1 && e.lineCount === 1));
  });

  const common = { user_name: 'postgres', database_name: 'postgres', backend_type: 'client backend' } as const;
  const cases: Array<{ name: string; session: string; line: number; expected: LogEntry }> = [
    {
      name: 'Unix socket: remote_host without port; "" ps, txid 0 and query_id 0 absent',
      session: '6b086230.12a4', line: 1,
      expected: {
        severity: 'LOG', message: 'connection received: host=[local]', lineStart: 6, lineCount: 1,
        ts: '2026-11-26T16:45:36.828Z', pid: 4772, client: '[local]', session_id: '6b086230.12a4', session_line: 1,
        session_start: '2026-11-26T16:45:36.000Z', backend_type: 'not initialized',
      },
    },
    {
      name: 'escaped quotes; remote_host(remote_port)',
      session: '6b08623d.12dd', line: 3,
      expected: {
        ...common, severity: 'ERROR', message: 'relation "weird "name"" does not exist at character 35', lineStart: 18, lineCount: 1,
        ts: '2026-11-26T16:45:49.879Z', pid: 4829, sqlstate: '42P01', application_name: 'app "quoted", comma',
        client: '127.0.0.1(37656)', session_id: '6b08623d.12dd', session_line: 3, session_start: '2026-11-26T16:45:49.000Z',
        vxid: '3/8', command_tag: 'SELECT', statement: `SELECT 'it''s "quoted"' AS x FROM "weird ""name"""`,
      },
    },
    {
      name: 'func_name, file_name and file_line_num as a LOCATION line',
      session: '6b08623e.12e5', line: 4,
      expected: {
        ...common, severity: 'ERROR', message: 'division by zero', lineStart: 35, lineCount: 1,
        ts: '2026-11-26T16:45:50.025Z', pid: 4837, sqlstate: '22012', application_name: 'psql', client: '127.0.0.1(37698)',
        session_id: '6b08623e.12e5', session_line: 4, session_start: '2026-11-26T16:45:50.000Z', vxid: '3/17',
        command_tag: 'SELECT', statement: 'SELECT 1/0', location: 'int4div, int.c:869', query_id: '-8441324848661855122',
      },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(find(c.session, c.line), c.expected));

  it('keeps 64-bit query ids exact, beyond what a double holds', () => {
    assert.equal(find('6b086240.12fe', 1)?.query_id, '5108122677585306918');
    assert.equal(find('6b086240.12fe', 1)?.leader_pid, 4861);
    assert.equal(find('6b08623e.12ea', 7)?.query_id, '-116704602460813593');
  });

  it('agrees with the csvlog the same server wrote (jsonlog omits sqlstate 00000)', () => {
    const csv = run((sink) => createCsvlogParser(sink, { file: 'test.csv' }), linesOf(fixture('pg15-session.csv')));
    assert.equal(csv.entries.length, real.entries.length);
    for (const c of csv.entries) {
      const j = find(c.session_id!, c.session_line!);
      const { lineStart: _a, lineCount: _b, ...fromCsv } = c;
      assert.ok(j, `no jsonlog entry for ${c.session_id} ${c.session_line}`);
      const { lineStart: _c, lineCount: _d, ...fromJson } = j;
      if (fromCsv.sqlstate === '00000' && fromJson.sqlstate === undefined) delete fromCsv.sqlstate;
      assert.deepEqual(fromJson, fromCsv);
    }
  });
});

describe('createJsonlogParser damaged input', () => {
  const good = session[5]!;
  it('keeps lines that are not jsonlog objects as unparsed, with one warning for all of them', () => {
    const junk = [
      'plain text',
      good.slice(0, 60), // cut short
      '[1,2,3]',
      'null',
      '{"message":"no error_severity"}',
      `${good} trailing`,
    ];
    const r = parse([good, ...junk, '', good]);
    assert.equal(r.entries.length, 2);
    // The blank line is kept too (every line is accounted for), without counting in the warning.
    assert.deepEqual(r.unparsed, [...junk, ''].map((text, i) => ({ line: i + 2, text, reason: 'bad-record' })));
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0]!.line, 2);
    assert.match(r.warnings[0]!.message, /^6 line\(s\) are not jsonlog records .* first at line 2: plain text$/);
  });

  const variants: Array<{ name: string; line: string; expected: Partial<LogEntry> }> = [
    { name: 'txid and query_id other than 0', line: '{"error_severity":"LOG","message":"m","txid":727,"query_id":42}', expected: { xid: '727', query_id: '42' } },
    { name: 'location without a function name', line: '{"error_severity":"LOG","message":"m","file_name":"elog.c","file_line_num":7}', expected: { location: 'elog.c:7' } },
    { name: 'a function name alone is no location', line: '{"error_severity":"LOG","message":"m","func_name":"f"}', expected: {} },
    { name: 'empty strings are absent', line: '{"error_severity":"LOG","message":"m","user":"","application_name":""}', expected: {} },
    { name: 'a numeric offset zone', line: '{"timestamp":"2026-11-26 19:45:50.025 +03","error_severity":"LOG","message":"m"}', expected: { ts: '2026-11-26T16:45:50.025Z' } },
  ];
  for (const v of variants) {
    it(v.name, () => {
      const r = parse([v.line]);
      assert.deepEqual(r.entries, [{ severity: 'LOG', message: 'm', lineStart: 1, lineCount: 1, ...v.expected }]);
    });
  }

  it('keeps an unknown severity as LOG, warning once', () => {
    const r = parse(['{"error_severity":"SHOUT","message":"a"}', '{"error_severity":"SHOUT","message":"b"}']);
    assert.deepEqual(r.entries.map((e) => e.severity), ['LOG', 'LOG']);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!.message, /unknown jsonlog severity "SHOUT"/);
  });
});
