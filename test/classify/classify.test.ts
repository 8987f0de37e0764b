import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/classify/classify.js';
import { KINDS, KIND_NAMES, type Kind } from '../../src/classify/kinds.js';
import type { Case } from './cases/case.js';
import { AUTH_CASES, CONNECTION_CASES } from './cases/connection-cases.js';
import { LOCK_CASES, TIMEOUT_CASES } from './cases/lock-cases.js';
import { STATEMENT_CASES } from './cases/statement-cases.js';
import { CHECKPOINT_CASES, MAINTENANCE_CASES, SERVER_CASES } from './cases/server-cases.js';
import { REPLICATION_CASES } from './cases/replication-cases.js';
import { ERROR_CASES } from './cases/error-cases.js';

const CASES: readonly Case[] = [
  ...CONNECTION_CASES, ...AUTH_CASES, ...LOCK_CASES, ...TIMEOUT_CASES, ...STATEMENT_CASES,
  ...SERVER_CASES, ...CHECKPOINT_CASES, ...MAINTENANCE_CASES, ...REPLICATION_CASES, ...ERROR_CASES,
];

const show = (s: string): string => JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);

test('every real (or version-sourced) message gets its kind and family', () => {
  for (const [kind, severity, message, sqlstate] of CASES) {
    const c = classify(sqlstate === undefined ? { severity, message } : { severity, message, sqlstate });
    assert.equal(c.kind, kind, `${severity} ${show(message)}`);
    assert.equal(c.family, KINDS[kind].family, show(message));
  }
});

test('every kind has at least one case, so a new kind needs a test line', () => {
  const covered = new Set<Kind>(CASES.map(([kind]) => kind));
  const missing = KIND_NAMES.filter((k) => !covered.has(k));
  assert.deepEqual(missing, [], `kinds without a case: ${missing.join(', ')}`);
});

test('the family tables do not reuse a kind name (a spread would silently keep the last)', async () => {
  const tables = await Promise.all([
    import('../../src/classify/kinds/connection-kinds.js').then((m) => m.CONNECTION_KINDS),
    import('../../src/classify/kinds/auth-kinds.js').then((m) => m.AUTH_KINDS),
    import('../../src/classify/kinds/lock-kinds.js').then((m) => m.LOCK_KINDS),
    import('../../src/classify/kinds/timeout-kinds.js').then((m) => m.TIMEOUT_KINDS),
    import('../../src/classify/kinds/statement-kinds.js').then((m) => m.STATEMENT_KINDS),
    import('../../src/classify/kinds/server-kinds.js').then((m) => m.SERVER_KINDS),
    import('../../src/classify/kinds/checkpoint-kinds.js').then((m) => m.CHECKPOINT_KINDS),
    import('../../src/classify/kinds/maintenance-kinds.js').then((m) => m.MAINTENANCE_KINDS),
    import('../../src/classify/kinds/replication-kinds.js').then((m) => m.REPLICATION_KINDS),
    import('../../src/classify/kinds/error-kinds.js').then((m) => m.ERROR_KINDS),
  ]);
  const total = tables.reduce((n, t) => n + Object.keys(t).length, 0);
  assert.equal(total + 1 /* other */, KIND_NAMES.length);
});

test('SQLSTATE: as logged, inferred from the text when absent, and 00000 means none', () => {
  const cases: Array<[Parameters<typeof classify>[0], string | undefined]> = [
    [{ severity: 'ERROR', message: 'deadlock detected' }, '40P01'],
    [{ severity: 'ERROR', message: 'duplicate key value violates unique constraint "accounts_pkey"' }, '23505'],
    [{ severity: 'ERROR', message: 'canceling statement due to statement timeout' }, '57014'],
    [{ severity: 'ERROR', message: 'relation "x" does not exist at character 15' }, '42P01'],
    [{ severity: 'ERROR', message: 'column "x" does not exist' }, '42703'],
    [{ severity: 'ERROR', message: 'syntax error at or near "SELEC" at character 1' }, '42601'],
    [{ severity: 'ERROR', message: 'value too long for type character varying(2)' }, '22001'],
    [{ severity: 'FATAL', message: 'password authentication failed for user "app"' }, '28P01'],
    [{ severity: 'FATAL', message: 'Peer authentication failed for user "peeruser"' }, '28000'],
    // The logged code wins over the inferred one.
    [{ severity: 'FATAL', message: 'terminating connection due to conflict with recovery', sqlstate: '57P04' }, '57P04'],
    [{ severity: 'LOG', message: 'duration: 0.056 ms  statement: SELECT 1', sqlstate: '00000' }, undefined],
    [{ severity: 'LOG', message: 'connection received: host=[local]' }, undefined],
    [{ severity: 'ERROR', message: 'LOCK TABLE can only be used in transaction blocks' }, undefined],
  ];
  for (const [entry, sqlstate] of cases) assert.equal(classify(entry).sqlstate, sqlstate, show(entry.message));
});

test('a message we cannot read is classified by its SQLSTATE (lc_messages in another language)', () => {
  const cases: Array<[Parameters<typeof classify>[0], Kind]> = [
    [{ severity: 'ERROR', message: 'doppelter Schlüsselwert verletzt Unique-Constraint »accounts_pkey«', sqlstate: '23505' }, 'unique_violation'],
    [{ severity: 'ERROR', message: 'Verklemmung (Deadlock) entdeckt', sqlstate: '40P01' }, 'deadlock'],
    [{ severity: 'ERROR', message: 'la syntaxe en entrée n\'est pas valide pour le type integer : « abc »', sqlstate: '22P02' }, 'data_exception'],
    [{ severity: 'ERROR', message: 'ungültige Eingabe', sqlstate: '22007' }, 'data_exception'],
    [{ severity: 'FATAL', message: 'la base de données « nodb » n\'existe pas', sqlstate: '3D000' }, 'database_missing'],
    // 57014 is a statement timeout, a user cancel or a cancelled autovacuum: no kind of its own.
    [{ severity: 'ERROR', message: 'Anweisung wird storniert', sqlstate: '57014' }, 'sql_error'],
    [{ severity: 'WARNING', message: 'etwas', sqlstate: '01000' }, 'other'],
  ];
  for (const [entry, kind] of cases) assert.equal(classify(entry).kind, kind, show(entry.message));
});

test('a verbose SQLSTATE left in the message text is read and skipped', () => {
  assert.deepEqual(classify({ severity: 'ERROR', message: '40P01: deadlock detected' }),
    { kind: 'deadlock', family: 'deadlock', sqlstate: '40P01' });
  assert.deepEqual(classify({ severity: 'LOG', message: '00000: checkpoint starting: time' }),
    { kind: 'checkpoint_start', family: 'checkpoint' });
});

test('the same text at another severity is another kind', () => {
  assert.equal(classify({ severity: 'FATAL', message: 'role "ghost" does not exist' }).kind, 'role_missing');
  assert.equal(classify({ severity: 'ERROR', message: 'role "ghost" does not exist' }).kind, 'undefined_object');
  assert.equal(classify({ severity: 'LOG', message: 'invalid value for parameter "lock_timeout": "abc"' }).kind, 'config_error');
  assert.equal(classify({ severity: 'ERROR', message: 'invalid value for parameter "lock_timeout": "abc"', sqlstate: '22023' }).kind, 'data_exception');
});

test('a pattern ending in a word does not match a longer word', () => {
  assert.equal(classify({ severity: 'LOG', message: 'background worker "x" (PID 1) exited with exit code 1' }).kind, 'worker_exited');
  assert.equal(classify({ severity: 'LOG', message: 'background worker "x" (PID 1) exited with exit code 10' }).kind, 'server_crash');
});

test('unknown and empty messages are kept as other, errors as sql_error', () => {
  assert.equal(classify({ severity: 'LOG', message: '' }).kind, 'other');
  assert.equal(classify({ severity: 'LOG', message: 'x'.repeat(100_000) }).kind, 'other');
  assert.equal(classify({ severity: 'PANIC', message: 'could not locate a valid checkpoint record' }).kind, 'sql_error');
});
