import { definedOnly } from '../helpers/defined-only.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createCsvRecordScanner } from '../../src/parse/csv-record-scanner.js';
import { createCsvlogParser } from '../../src/parse/csvlog-parser.js';
import type { EntrySink, LogEntry, UnparsedLine } from '../../src/parse/log-entry.js';

// Fixtures: real csvlog of a PostgreSQL 15.18 server (see test/fixtures/formats/README.md).
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

function parse(lines: readonly string[], firstLine = 1, tz?: string): Result {
  const r: Result = { entries: [], unparsed: [], warnings: [] };
  const sink: EntrySink = {
    entry: (e) => r.entries.push(definedOnly(e)),
    unparsed: (u) => r.unparsed.push(u),
    warn: (message, line) => r.warnings.push({ message, line }),
  };
  const parser = createCsvlogParser(sink, tz === undefined ? { file: 'test.csv' } : { file: 'test.csv', tz });
  lines.forEach((text, i) => parser.push(text, firstLine + i));
  parser.flush();
  return r;
}

const session = linesOf(fixture('pg15-session.csv'));
const real = parse(session);
const bySessionLine = (entries: LogEntry[], sessionId: string, line: number): LogEntry | undefined =>
  entries.find((e) => e.session_id === sessionId && e.session_line === line);

describe('createCsvlogParser on a real PostgreSQL 15 session', () => {
  it('reads every record, each covering the physical lines it spans', () => {
    assert.equal(real.entries.length, 156);
    assert.deepEqual(real.unparsed, []);
    assert.deepEqual(real.warnings, []);
    let next = 1;
    for (const e of real.entries) {
      assert.equal(e.lineStart, next);
      next += e.lineCount;
    }
    assert.equal(next, session.length + 1);
  });

  const common = { user_name: 'postgres', database_name: 'postgres', backend_type: 'client backend' } as const;
  const cases: Array<{ name: string; session: string; line: number; expected: LogEntry }> = [
    {
      name: 'Unix-socket connection before authentication (empty and "" fields absent, xid 0 and query_id 0 absent)',
      session: '6b086230.12a4', line: 1,
      expected: {
        severity: 'LOG', message: 'connection received: host=[local]', lineStart: 6, lineCount: 1,
        ts: '2026-11-26T16:45:36.828Z', pid: 4772, sqlstate: '00000', client: '[local]', session_id: '6b086230.12a4',
        session_line: 1, session_start: '2026-11-26T16:45:36.000Z', backend_type: 'not initialized',
      },
    },
    {
      name: 'doubled quotes and commas inside fields, host:port as host(port)',
      session: '6b08623d.12dd', line: 3,
      expected: {
        ...common, severity: 'ERROR', message: 'relation "weird "name"" does not exist at character 35', lineStart: 18, lineCount: 1,
        ts: '2026-11-26T16:45:49.879Z', pid: 4829, sqlstate: '42P01', application_name: 'app "quoted", comma',
        client: '127.0.0.1(37656)', session_id: '6b08623d.12dd', session_line: 3, session_start: '2026-11-26T16:45:49.000Z',
        vxid: '3/8', command_tag: 'SELECT', statement: `SELECT 'it''s "quoted"' AS x FROM "weird ""name"""`,
      },
    },
    {
      name: 'multi-line query with TABs and a newline inside a literal: one entry over five lines',
      session: '6b08623d.12df', line: 3,
      expected: {
        ...common, severity: 'ERROR', message: 'relation "missing_table" does not exist at character 28', lineStart: 22, lineCount: 5,
        ts: '2026-11-26T16:45:49.914Z', pid: 4831, sqlstate: '42P01', application_name: 'psql', client: '127.0.0.1(37668)',
        session_id: '6b08623d.12df', session_line: 3, session_start: '2026-11-26T16:45:49.000Z', vxid: '3/10',
        command_tag: 'SELECT', statement: "SELECT id,\n\tbalance\n  FROM missing_table\n WHERE note = 'line1\nline2';",
      },
    },
    {
      name: 'hint',
      session: '6b08623d.12e1', line: 3,
      expected: {
        ...common, severity: 'ERROR', message: 'column "relnme" does not exist at character 8', lineStart: 30, lineCount: 1,
        ts: '2026-11-26T16:45:49.951Z', pid: 4833, sqlstate: '42703', application_name: 'psql', client: '127.0.0.1(37682)',
        session_id: '6b08623d.12e1', session_line: 3, session_start: '2026-11-26T16:45:49.000Z', vxid: '3/12',
        command_tag: 'SELECT', hint: 'Perhaps you meant to reference the column "pg_class.relname".',
        statement: 'SELECT relnme FROM pg_class',
      },
    },
    {
      name: 'internal query and context from PL/pgSQL',
      session: '6b08623d.12e3', line: 3,
      expected: {
        ...common, severity: 'ERROR', message: 'relation "nosuch_in_plpgsql" does not exist at character 15', lineStart: 34, lineCount: 1,
        ts: '2026-11-26T16:45:49.989Z', pid: 4835, sqlstate: '42P01', application_name: 'psql', client: '127.0.0.1(37684)',
        session_id: '6b08623d.12e3', session_line: 3, session_start: '2026-11-26T16:45:49.000Z', vxid: '3/14',
        command_tag: 'DO', context: 'PL/pgSQL function inline_code_block line 1 at PERFORM',
        statement: 'DO $$ BEGIN PERFORM * FROM nosuch_in_plpgsql; END $$', internal_query: 'SELECT * FROM nosuch_in_plpgsql',
        query_id: '-1448690312042850587',
      },
    },
    {
      name: 'location with log_error_verbosity = verbose',
      session: '6b08623e.12e5', line: 4,
      expected: {
        ...common, severity: 'ERROR', message: 'division by zero', lineStart: 39, lineCount: 1,
        ts: '2026-11-26T16:45:50.025Z', pid: 4837, sqlstate: '22012', application_name: 'psql', client: '127.0.0.1(37698)',
        session_id: '6b08623e.12e5', session_line: 4, session_start: '2026-11-26T16:45:50.000Z', vxid: '3/17',
        command_tag: 'SELECT', statement: 'SELECT 1/0', location: 'int4div, int.c:869', query_id: '-8441324848661855122',
      },
    },
    {
      name: 'deadlock: the whole DETAIL in one field over four lines, xid and a negative query_id',
      session: '6b08623e.12ea', line: 7,
      expected: {
        ...common, severity: 'ERROR', message: 'deadlock detected', lineStart: 53, lineCount: 4,
        ts: '2026-11-26T16:45:51.577Z', pid: 4842, sqlstate: '40P01', application_name: 'dl2', client: '127.0.0.1(37716)',
        session_id: '6b08623e.12ea', session_line: 7, session_start: '2026-11-26T16:45:50.000Z', xid: '728', vxid: '4/2',
        command_tag: 'UPDATE',
        detail: [
          'Process 4842 waits for ShareLock on transaction 727; blocked by process 4840.',
          'Process 4840 waits for ShareLock on transaction 728; blocked by process 4842.',
          'Process 4842: UPDATE accounts SET balance = balance - 1 WHERE id = 1',
          'Process 4840: UPDATE accounts SET balance = balance + 1 WHERE id = 2',
        ].join('\n'),
        hint: 'See server log for query details.', context: 'while updating tuple (0,1) in relation "accounts"',
        statement: 'UPDATE accounts SET balance = balance - 1 WHERE id = 1', query_id: '-116704602460813593',
      },
    },
    {
      name: 'parallel worker: leader_pid, no connection',
      session: '6b086240.12fe', line: 1,
      expected: {
        severity: 'ERROR', message: 'division by zero', lineStart: 93, lineCount: 1, ts: '2026-11-26T16:45:52.471Z',
        pid: 4862, sqlstate: '22012', application_name: 'psql', session_id: '6b086240.12fe', session_line: 1,
        session_start: '2026-11-26T16:45:52.000Z', vxid: '4/7', statement: 'SELECT 1/(id - id) FROM accounts WHERE id = 5',
        backend_type: 'parallel worker', leader_pid: 4861, query_id: '5108122677585306918',
      },
    },
    {
      name: 'log_timezone = Europe/Berlin: CET times converted to UTC',
      session: '6b086241.1305', line: 3,
      expected: {
        ...common, severity: 'LOG', message: "duration: 0.232 ms  statement: SELECT 'in berlin'", lineStart: 112,
        lineCount: 1, ts: '2026-11-26T16:45:53.137Z', pid: 4869, sqlstate: '00000', application_name: 'psql',
        client: '127.0.0.1(37770)', session_id: '6b086241.1305', session_line: 3,
        session_start: '2026-11-26T16:45:53.000Z', vxid: '3/0', command_tag: 'SELECT', query_id: '8245075842732809484',
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(bySessionLine(real.entries, c.session, c.line), c.expected));
  }
});

describe('createCsvlogParser column layouts', () => {
  const first60 = real.entries.slice(0, 60);
  const without = (e: LogEntry, drop: ReadonlyArray<'leader_pid' | 'query_id' | 'backend_type'>): LogEntry => {
    const copy = { ...e };
    for (const k of drop) delete copy[k];
    return copy;
  };
  const layouts = [
    { name: '24 columns (PostgreSQL 13: no leader_pid, query_id)', file: 'pg13-24-columns.csv', drop: ['leader_pid', 'query_id'] },
    { name: '23 columns (9.0–12: no backend_type either)', file: 'pg12-23-columns.csv', drop: ['leader_pid', 'query_id', 'backend_type'] },
  ] as const;
  for (const l of layouts) {
    it(l.name, () => {
      const r = parse(linesOf(fixture(l.file)));
      assert.deepEqual(r.unparsed, []);
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(r.entries, first60.map((e) => without(e, l.drop)));
    });
  }

  it('mixes layouts record by record (a file that spans an upgrade)', () => {
    const v12 = linesOf(fixture('pg12-23-columns.csv')).slice(0, 3);
    const r = parse([...v12, ...session.slice(0, 3)]);
    assert.equal(r.entries.length, 6);
    assert.equal(r.entries[0]!.backend_type, undefined);
    assert.equal(r.entries[3]!.backend_type, 'postmaster');
  });
});

describe('createCsvlogParser damaged input', () => {
  // Lines 53–56 of the session are the four lines of the deadlock record; 57 is a one-line record.
  const deadlock = session.slice(52, 56);
  const oneLine = session[56]!;

  it('keeps lines as given after the caller stripped CRLF, fields with inner newlines included', () => {
    const crlf = fixture('pg15-session.csv').replaceAll('\n', '\r\n');
    const r = parse(crlf.split(/\r?\n/).slice(0, -1));
    assert.deepEqual(r.entries, real.entries);
  });

  it('numbers lines from where the caller starts', () => {
    const r = parse([oneLine, ...deadlock], 1000);
    assert.deepEqual(r.entries.map((e) => [e.lineStart, e.lineCount]), [[1000, 1], [1001, 4]]);
  });

  it('keeps empty lines between records as unparsed lines, without a warning', () => {
    const r = parse(['', oneLine, '', ...deadlock, '']);
    assert.deepEqual(r.entries.map((e) => e.lineStart), [2, 4]);
    assert.deepEqual(r.unparsed, [1, 3, 8].map((line) => ({ line, text: '', reason: 'bad-record' })));
    assert.deepEqual(r.warnings, []);
  });

  const damaged: Array<{ name: string; lines: string[]; entries: number; unparsed: number[]; warning: RegExp; warnLine: number }> = [
    {
      name: 'a record left open at end of input (truncated file)',
      lines: [oneLine, ...deadlock.slice(0, 2)],
      entries: 1, unparsed: [2, 3], warning: /line 2 is not terminated at end of input/, warnLine: 2,
    },
    {
      name: 'a record with a column missing',
      lines: [oneLine.replace(',"dl2",', ','), oneLine],
      entries: 1, unparsed: [1], warning: /bad csvlog record at line 1: expected 23, 24 or 26 columns, got 25 columns/, warnLine: 1,
    },
    {
      name: 'a multi-line record with an extra column',
      lines: [...deadlock.slice(0, 3), `${deadlock[3]!},extra`],
      entries: 0, unparsed: [1, 2, 3, 4], warning: /got 27 columns/, warnLine: 1,
    },
    {
      name: 'text after a closing quote',
      lines: [oneLine.replace('"dl2"', '"dl2"x')],
      entries: 0, unparsed: [1], warning: /got text after a closing quote/, warnLine: 1,
    },
    {
      name: 'a record cut inside a quoted field, the next records intact',
      lines: [oneLine.slice(0, 150), 'more text of the broken record', oneLine, ...deadlock],
      entries: 2, unparsed: [1, 2], warning: /line 1 has an unterminated quoted field \(line 3 starts a new record\)/, warnLine: 1,
    },
  ];
  for (const d of damaged) {
    it(d.name, () => {
      const r = parse(d.lines);
      assert.equal(r.entries.length, d.entries);
      assert.deepEqual(r.unparsed.map((u) => u.line), d.unparsed);
      assert.ok(r.unparsed.every((u) => u.reason === 'bad-record' && u.text === d.lines[u.line - 1]));
      assert.equal(r.warnings.length, 1, JSON.stringify(r.warnings));
      assert.match(r.warnings[0]!.message, d.warning);
      assert.equal(r.warnings[0]!.line, d.warnLine);
    });
  }

  it('gives up on a record open for 100 000 lines and resumes at the next record start', () => {
    const junk = Array.from({ length: 100_010 }, (_, i) => `junk ${i}`);
    const r = parse([oneLine.slice(0, 150), ...junk, oneLine]);
    assert.equal(r.entries.length, 1);
    assert.equal(r.entries[0]!.lineStart, 100_012);
    assert.equal(r.unparsed.length, 100_011);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!.message, /line 1 is still open after 100000 lines/);
  });

  it('lists the first ten bad records and counts the rest', () => {
    const r = parse(Array.from({ length: 25 }, () => 'not,a,csvlog,record'));
    assert.equal(r.unparsed.length, 25);
    assert.equal(r.warnings.length, 11);
    assert.deepEqual(r.warnings[10], { message: '15 more bad csvlog records not listed, the first at line 11', line: 11 });
  });

  it('keeps entries with a translated severity as LOG, warning once', () => {
    const german = [oneLine.replace(',LOG,00000,', ',FEHLER,00000,'), oneLine.replace(',LOG,00000,', ',FEHLER,00000,')];
    const r = parse(german);
    assert.deepEqual(r.entries.map((e) => e.severity), ['LOG', 'LOG']);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!.message, /unknown csvlog severity "FEHLER"/);
  });

  it('warns once about a zone abbreviation it cannot read', () => {
    const r = parse([oneLine.replace(' UTC,', ' XYZT,'), oneLine.replace(' UTC,', ' XYZT,')]);
    assert.equal(r.entries[0]!.ts, '2026-11-26T16:45:51.578Z');
    assert.deepEqual(r.warnings.map((w) => w.message), ['unknown time zone "XYZT" in timestamps; read as --tz local time, or UTC without --tz']);
  });
});

describe('createCsvRecordScanner', () => {
  const cases: Array<{ name: string; lines: string[]; fields: string[] }> = [
    { name: 'bare and empty fields', lines: ['a,,b,'], fields: ['a', '', 'b', ''] },
    { name: 'quoted empty string and doubled quotes', lines: ['"",""""," ""x"" ",y'], fields: ['', '"', ' "x" ', 'y'] },
    { name: 'newline inside quotes, split anywhere', lines: ['1,"a', '', '""b""', 'c",2'], fields: ['1', 'a\n\n"b"\nc', '2'] },
    { name: 'a doubled quote at the end of a line', lines: ['"x""', '"'], fields: ['x"\n'] },
    { name: 'a quoted field ending the record', lines: ['1,"2"'], fields: ['1', '2'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = createCsvRecordScanner();
      const done = c.lines.map((l) => s.scan(l));
      assert.deepEqual(done, c.lines.map((_, i) => i === c.lines.length - 1));
      assert.deepEqual(s.fields.slice(0, s.count), c.fields);
    });
  }
});
