import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { LogicalLineConsumer, OuterContext, UnparsedLine } from '../../src/parse/log-entry.js';
import { createSyslogAdapter, type SyslogOptions } from '../../src/parse/syslog-adapter.js';
import { continuesPiece } from '../../src/parse/syslog-chunks.js';
import { syslogText, unescapeSyslog } from '../../src/parse/syslog-line.js';
import { createSyslogYear } from '../../src/parse/syslog-year.js';

// Fixtures: one PostgreSQL 15.18 server logging to rsyslog (BSD and high-precision file
// formats) and, through its logging collector, to stderr at the same time.
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/formats/${name}`, import.meta.url), 'utf8');

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Logical {
  text: string;
  lineStart: number;
  lineCount: number | undefined;
  outer: OuterContext | undefined;
  /** Only when other lines came between its pieces. */
  lines?: readonly number[];
}

interface Result {
  logical: Logical[];
  unparsed: UnparsedLine[];
  warnings: string[];
  flushed: boolean;
}

function adapt(lines: readonly string[], opts: Partial<SyslogOptions> = {}): Result {
  const r: Result = { logical: [], unparsed: [], warnings: [], flushed: false };
  const next: LogicalLineConsumer = {
    push: (text, lineStart, lineCount, outer, lines) => r.logical.push({ text, lineStart, lineCount, outer, ...(lines && { lines }) }),
    flush: () => {
      r.flushed = true;
    },
  };
  const sink = { entry: () => assert.fail('the adapter makes no entries'), unparsed: (u: UnparsedLine) => r.unparsed.push(u), warn: (m: string) => r.warnings.push(m) };
  const adapter = createSyslogAdapter(next, sink, { file: 'test.syslog', year: 2026, ...opts });
  lines.forEach((text, i) => adapter.push(text, i + 1));
  adapter.flush();
  return r;
}

const syslog = linesOf(fixture('pg15-session.syslog'));
const stderr = linesOf(fixture('pg15-session.log'));
const real = adapt(syslog);
const at = (r: Result, lineStart: number): Logical[] => r.logical.filter((l) => l.lineStart === lineStart);

describe('createSyslogAdapter on a real rsyslog capture', () => {
  it('gives back exactly the lines the same server wrote to stderr', () => {
    assert.deepEqual(real.unparsed, []);
    assert.ok(real.flushed);
    // The first four lines were logged before the logging collector took over stderr.
    const produced = real.logical.slice(4).map((l) => l.text);
    assert.deepEqual([...produced].sort(), [...stderr].sort());
    // Within one backend the order is the order of stderr.
    const byPid = (lines: string[]): Map<string, string[]> => {
      const m = new Map<string, string[]>();
      let pid = '';
      for (const l of lines) {
        pid = /\[(\d+)\]/.exec(l)?.[1] ?? pid; // TAB lines belong to the line before
        m.set(pid, [...(m.get(pid) ?? []), l]);
      }
      return m;
    };
    assert.deepEqual(byPid(produced), byPid(stderr));
  });

  it('splits a multi-line statement into its lines, #011 back to TAB', () => {
    const outer = { ts: '2026-11-26T16:45:49.000Z', pid: 4831 };
    const prefix = '2026-11-26 16:45:49.914 UTC [4831] postgres@postgres ';
    assert.deepEqual(real.logical.filter((l) => l.lineStart >= 27 && l.lineStart <= 32), [
      { text: `${prefix}ERROR:  relation "missing_table" does not exist at character 28`, lineStart: 27, lineCount: 1, outer },
      { text: `${prefix}STATEMENT:  SELECT id,`, lineStart: 28, lineCount: 1, outer },
      { text: '\t\tbalance', lineStart: 29, lineCount: 1, outer },
      { text: '\t  FROM missing_table', lineStart: 30, lineCount: 1, outer },
      { text: "\t WHERE note = 'line1", lineStart: 31, lineCount: 1, outer },
      { text: "\tline2';", lineStart: 32, lineCount: 1, outer },
    ]);
  });

  const long: Array<{ name: string; lineStart: number; contains: string }> = [
    { name: 'a 2 400-byte statement cut at word boundaries', lineStart: 108, contains: 'id + 120 AS col_120,  1 AS last' },
    { name: 'a word longer than 900 bytes cut mid-word', lineStart: 114, contains: `length('${'x'.repeat(1200)}')` },
    { name: 'two-byte characters cut at a character boundary', lineStart: 120, contains: `'${'ü'.repeat(700)}'` },
  ];
  for (const l of long) {
    it(`joins ${l.name} into one line over three physical lines`, () => {
      const [line] = at(real, l.lineStart);
      assert.ok(line);
      assert.equal(line.lineCount, 3);
      assert.ok(line.text.includes(l.contains));
      assert.ok(stderr.includes(line.text));
    });
  }

  it('reassembles [N] pieces (syslog_sequence_numbers = off) under a custom syslog_ident', () => {
    assert.deepEqual(real.logical.filter((l) => l.lineStart >= 171 && l.lineStart <= 174).map((l) => l.text.replace(/^.* (\w+:  )/, '$1')), [
      'ERROR:  relation "missing_seqoff" does not exist at character 28',
      'STATEMENT:  SELECT id,',
      '\t\tbalance',
      '\t  FROM missing_seqoff;',
    ]);
  });

  it('splits one piece holding newlines (#012, syslog_split_messages = off)', () => {
    assert.deepEqual(at(real, 191).map((l) => l.text.replace(/^.* (\w+:  )/, '$1')), [
      'ERROR:  relation "missing_splitoff" does not exist at character 28',
      'STATEMENT:  SELECT id,',
      '\t\tbalance',
      '\t  FROM missing_splitoff;',
    ]);
  });

  it('reads RFC 3339 high-precision headers the same way', () => {
    const precise = adapt(linesOf(fixture('pg15-session-precise.syslog')));
    assert.deepEqual(precise.unparsed, []);
    assert.deepEqual(precise.logical.map((l) => l.text), real.logical.map((l) => l.text));
    assert.deepEqual(precise.logical[0]!.outer, { ts: '2026-11-26T16:45:31.850Z', pid: 4699 });
  });
});

describe('createSyslogAdapter interleaving', () => {
  // Pieces of the long statement (108–110) and of the deadlock message (74–81), with other backends' lines between them.
  const statement = syslog.slice(107, 110);
  const deadlock = syslog.slice(73, 81);
  const other = (pid: number, n: number): string =>
    `Nov 26 16:45:52 vm postgres[${pid}]: [${n}-1] 2026-11-26 16:45:52.305 UTC [${pid}] postgres@postgres LOG:  other ${n}`;

  it('joins the pieces of one backend across lines of others, counting its own lines only', () => {
    const lines = [statement[0]!, other(1, 1), statement[1]!, other(2, 1), other(1, 2), statement[2]!];
    const r = adapt(lines);
    assert.deepEqual(r.logical.map((l) => [l.lineStart, l.lineCount, l.lines, l.outer?.pid]), [
      [1, 3, [1, 3, 6], 4851], [2, 1, undefined, 1], [4, 1, undefined, 2], [5, 1, undefined, 1],
    ]);
    assert.equal(r.logical.reduce((sum, l) => sum + l.lineCount!, 0), lines.length, 'each line counted once');
    assert.equal(r.logical[0]!.text, adapt(statement).logical[0]!.text);
  });

  it('passes on a message whole, so its TAB lines follow the line they continue', () => {
    const lines = [deadlock[0]!, deadlock[1]!, other(1, 1), deadlock[2]!, other(2, 1), other(1, 2), ...deadlock.slice(3)];
    const r = adapt(lines);
    const pids = r.logical.map((l) => l.outer?.pid);
    assert.deepEqual(pids, [4842, 4842, 4842, 4842, 4842, 4842, 4842, 4842, 1, 2, 1]);
    assert.deepEqual(r.logical.slice(0, 8).map((l) => l.lineStart), [1, 2, 4, 7, 8, 9, 10, 11]);
    assert.equal(r.logical[2]!.text, '\tProcess 4840 waits for ShareLock on transaction 728; blocked by process 4842.');
  });

  it('gives up waiting for more pieces after 1000 lines', () => {
    const lines = [statement[0]!, ...Array.from({ length: 1001 }, (_, i) => other(1, i + 1))];
    const seen: number[] = [];
    const adapter = createSyslogAdapter(
      { push: (_t, lineStart) => seen.push(lineStart), flush: () => undefined },
      { entry: () => undefined, unparsed: () => undefined, warn: () => undefined },
      { file: 'x', year: 2026 },
    );
    lines.forEach((text, i) => adapter.push(text, i + 1));
    assert.equal(seen[0], 1, 'the stale message went out before flush');
    assert.ok(seen.length >= 999);
  });
});

describe('createSyslogAdapter headers', () => {
  const body = '[3-1] 2026-12-31 23:59:59.100 UTC [77] LOG:  tick';
  const line = (header: string): string => `${header} db1 postgres[77]: ${body}`;

  it('rolls the year over from December to January', () => {
    const r = adapt([line('Dec 31 23:59:59'), line('Jan  1 00:00:01'), line('Dec 31 23:59:58'), line('Jan  1 00:00:02')], { year: 2026 });
    assert.deepEqual(r.logical.map((l) => l.outer?.ts), [
      '2026-12-31T23:59:59.000Z', '2027-01-01T00:00:01.000Z', '2026-12-31T23:59:58.000Z', '2027-01-01T00:00:02.000Z',
    ]);
  });

  it('reads BSD times in --tz', () => {
    const r = adapt([line('Jul  4 12:00:00')], { year: 2026, tz: 'Europe/Berlin' });
    assert.equal(r.logical[0]!.outer?.ts, '2026-07-04T10:00:00.000Z');
  });

  const headers: Array<{ name: string; line: string; ts: string; text: string }> = [
    { name: 'journald short-precise', line: `Nov 26 16:40:00.123456 host postgresql[77]: ${body}`, ts: '2026-11-26T16:40:00.123Z', text: body.slice(6) },
    { name: 'RFC 3339 with an offset', line: `2026-11-26T17:40:00.5+01:00 host postgres[77]: ${body}`, ts: '2026-11-26T16:40:00.500Z', text: body.slice(6) },
    { name: 'journald short-iso', line: `2026-11-26T17:40:00+0100 host postgres[77]: ${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: 'raw with <PRI>', line: `<134>Nov 26 16:40:00 host postgres[77]: ${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: 'RFC 5424 as rsyslog forwards it', line: `<134>1 2026-11-26T16:40:00.123456+00:00 host postgres 77 - -  ${body}`, ts: '2026-11-26T16:40:00.123Z', text: body.slice(6) },
    { name: 'RFC 5424 with structured data, a BOM and a Z', line: `<134>1 2026-11-26T16:40:00Z host postgres 77 ID47 [exampleSDID@32473 iut="3" eventID="a \\] b"][meta seq="1"] \uFEFF${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: 'no marker (stderr captured by journald)', line: 'Nov 26 16:40:00 host postgres[77]: 2026-11-26 16:40:00 UTC [77] LOG:  x', ts: '2026-11-26T16:40:00.000Z', text: '2026-11-26 16:40:00 UTC [77] LOG:  x' },
    { name: 'heroku logs', line: `2026-11-26T16:40:00.000000+00:00 app[postgres.77]: [DATABASE] ${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: 'heroku logs, attachment named in full', line: `2026-11-26T16:40:00Z app[postgres.77]: [HEROKU_POSTGRESQL_PINK] ${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: "a Heroku drain's frame", line: `98 <134>1 2026-11-26T16:40:00+00:00 host app postgres.77 - [DATABASE] ${body}`, ts: '2026-11-26T16:40:00.000Z', text: body.slice(6) },
    { name: 'heroku logs: control characters as sent', line: '2026-11-26T16:40:00.000000+00:00 app[postgres.77]: [DATABASE] [3-2] \tbalance #011', ts: '2026-11-26T16:40:00.000Z', text: '\tbalance #011' },
  ];
  for (const h of headers) {
    it(`reads ${h.name}`, () => {
      const r = adapt([h.line]);
      assert.deepEqual(r.logical, [{ text: h.text, lineStart: 1, lineCount: 1, outer: { ts: h.ts, pid: 77 } }]);
    });
  }

  it('keeps lines that are not PostgreSQL syslog lines as unparsed, without breaking a message', () => {
    const foreign = [
      'TopMemoryContext: 80480 total in 6 blocks; 14032 free (8 chunks); 66448 used',
      'Nov 26 16:45:52 vm kernel: Out of memory: Killed process 4851 (postgres)',
      'Nov 26 16:45:52 vm CRON[99]: (root) CMD (run-parts /etc/cron.hourly)',
    ];
    const r = adapt([syslog[107]!, ...foreign, syslog[108]!]);
    assert.deepEqual(r.unparsed, foreign.map((text, i) => ({ line: i + 2, text, reason: 'no-prefix' })));
    assert.equal(r.logical.length, 1);
    assert.deepEqual([r.logical[0]!.lineCount, r.logical[0]!.lines], [2, [1, 5]], 'its two lines, not the foreign ones between');
  });

  it("keeps Heroku's other processes' lines as unparsed, markers or not", () => {
    const foreign = [
      '2026-11-26T16:40:00.000000+00:00 app[heroku-postgres]: source=DATABASE addon=postgresql-curved-12345 sample#active-connections=7',
      '2026-11-26T16:40:00.100000+00:00 app[worker.1]: [12] delayed_job: Job ProcessOrder (id=7) RUNNING',
      '61 <158>1 2026-11-26T16:40:00.2+00:00 host heroku router - at=info method=GET path="/" status=200',
    ];
    const pg = `2026-11-26T16:40:00.000000+00:00 app[postgres.77]: [DATABASE] ${body}`;
    const r = adapt([...foreign, pg]);
    assert.deepEqual(r.unparsed, foreign.map((text, i) => ({ line: i + 1, text, reason: 'no-prefix' })));
    assert.deepEqual(r.logical.map((l) => l.text), [body.slice(6)]);
  });
});

describe('continuesPiece', () => {
  const cases: Array<{ name: string; previous: string; piece: string; expected: boolean }> = [
    { name: 'a new line after a short one', previous: 'LOG:  x', piece: 'DETAIL:  y', expected: false },
    { name: 'a TAB line after a short one', previous: 'DETAIL:  Process 1 waits', piece: '\tProcess 2 waits', expected: false },
    { name: 'after a full piece, mid-word', previous: 'x'.repeat(900), piece: 'xyz', expected: true },
    { name: 'after a full piece, at a space', previous: 'x'.repeat(900), piece: ' xyz', expected: true },
    { name: 'cut at a space before a long word', previous: 'SELECT', piece: ` '${'x'.repeat(893)}`, expected: true },
    { name: 'a space but the word would have fitted', previous: 'SELECT', piece: ` '${'x'.repeat(800)}`, expected: false },
    { name: 'counted in bytes, not characters', previous: 'ü'.repeat(449), piece: 'üü', expected: true },
    { name: 'a TAB line after a line of 880 bytes', previous: 'y'.repeat(880), piece: '\tProcess 2', expected: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(continuesPiece(c.previous, c.piece), c.expected));
});

describe('unescapeSyslog', () => {
  const cases: Array<[string, string]> = [
    ['#011#011balance', '\t\tbalance'],
    ['a#012b', 'a\nb'],
    ['#041 and #1234 and # stay', '#041 and #1234 and # stay'],
    ['no escapes', 'no escapes'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(unescapeSyslog(input), expected));
});

describe('syslogText', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Nov 26 16:45:49 vm postgres[4831]: [8-3] #011#011balance', '\t\tbalance'],
    ['Nov 26 16:48:13 vm pgprod[5572]: [2] 2026-11-26 16:48:13.266 UTC [5572] x', '2026-11-26 16:48:13.266 UTC [5572] x'],
    ['2026-11-26T16:45:31.850201+00:00 vm postgres[4699]: [1-1] 2026-11-26 x', '2026-11-26 x'],
    ['2026-11-26 16:45:31.850 UTC [4699] LOG:  not syslog', undefined],
  ];
  for (const [line, expected] of cases) it(line.slice(0, 40), () => assert.equal(syslogText(line), expected));
});

describe('createSyslogYear', () => {
  it('takes last year for December lines read early in January', () => {
    assert.equal(createSyslogYear(undefined, new Date('2027-01-05T00:00:00Z')).of(12, 30), 2026);
    assert.equal(createSyslogYear(undefined, new Date('2027-01-05T00:00:00Z')).of(1, 4), 2027);
  });

  it('does not take a month or two back for a new year', () => {
    const y = createSyslogYear(2026, new Date());
    assert.deepEqual([y.of(5, 1), y.of(4, 30), y.of(5, 2), y.of(12, 31), y.of(1, 1)], [2026, 2026, 2026, 2026, 2027]);
  });
});
