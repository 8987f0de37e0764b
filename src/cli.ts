#!/usr/bin/env node
/**
 * The command line: option parsing only. Each command lives in src/commands/ and
 * returns a result; only this file decides exit codes and prints top-level errors.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { blockersCommand } from './commands/blockers.js';
import { deadlocksCommand, type DeadlockOptions } from './commands/deadlocks.js';
import { kindsCommand } from './commands/kinds.js';
import { locksCommand } from './commands/locks.js';
import { timelineCommand } from './commands/timeline.js';

import { sqlCommand } from './commands/sql.js';
import { incidentsCommand, loadIncidents } from './commands/incidents.js';
import { ingestCommand } from './commands/ingest.js';
import { doctorCommand } from './commands/doctor.js';
import { compareCommand } from './commands/compare.js';
import { UsageError } from './commands/errors.js';
import type { FormatChoice } from './ingest/format-router.js';
import { StoreError } from './store/open-store.js';

const DEFAULT_DB = 'pgautopsy.db';
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

// A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go,
// which is not an error (without this handler Node prints the unhandled EPIPE with its stack).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit();
});

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

// report (PostgreSQL's parser, WASM) and the terminal UI (Ink, React) are imported by their
// commands only: loading them for every command cost start-up time and memory in the ingest process.

/** Exit codes: 0 all good, 1 some input could not be (fully) read, 2 usage or store error. */
const EXIT_PARTIAL = 1;
const EXIT_USAGE = 2;


/** What --format takes: detected per input unless given. */
const FORMAT_CHOICES: readonly FormatChoice[] = ['auto', 'stderr', 'csv', 'json', 'syslog', 'container', 'cloudnative-pg'];
const program = new Command()
  .name('pgautopsy')
  .description('Incident forensics for PostgreSQL server logs')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('ingest')
  .description('read log files, folders, archives or stdin (-) into the evidence store')
  .argument('<inputs...>', 'files, folders, .gz/.bz2/.zip/.tar/.tgz archives, or - for stdin')
  .option('--db <file>', 'store to write', DEFAULT_DB)
  .addOption(new Option('--format <format>', 'input format (container: lines in kubectl/docker/CRI records; cloudnative-pg: the operator\'s JSON lines)').choices(FORMAT_CHOICES).default('auto'))
  .option('--prefix <log_line_prefix>', "the server's log_line_prefix (inferred from the lines when omitted)")
  .option('--tz <zone>', 'time zone of timestamps that print none (IANA name, e.g. Europe/Paris)')
  .option('--force', 're-ingest content already in the store', false)
  .option('--quiet', 'no progress display', false)
  .option('--json', 'print a machine-readable summary', false)
  .action(async (inputs: string[], opts) => {
    const summary = await ingestCommand(inputs, opts, io);
    if (summary.failed > 0) process.exitCode = EXIT_PARTIAL;
  });


program
  .command('deadlocks')
  .description('every deadlock as a cycle: who waited for what, held by whom, with each participant\'s query')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'only from this time (ISO-8601, UTC unless a zone is given)')
  .option('--to <time>', 'only up to this time')
  .option('--pid <pid>', 'only deadlocks this backend took part in', positiveInt)
  .option('--app <name>', 'only deadlocks a backend of this application_name took part in')
  .option('--object <text>', 'only deadlocks where a backend waited on an object whose description or relation contains this text')
  .option('--limit <n>', 'at most this many, in time order', positiveInt, 50)
  .option('--json', 'machine-readable output', false)
  .action((opts: Omit<DeadlockOptions, 'application'> & { app?: string }) => {
    const { app, ...rest } = opts;
    deadlocksCommand({ ...rest, ...(app !== undefined && { application: app }) }, io.stdout);
  });

program
  .command('locks')
  .description('lock-wait episodes, longest first, with how each ended and what became of the holder')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'only waits still going at or after this time')
  .option('--to <time>', 'only waits that started by this time')
  .option('--pid <pid>', 'waits of this backend, or waits it held up', positiveInt)
  .option('--object <text>', 'waits on objects whose description or relation contains this text')
  .option('--resolution <how>', 'acquired, deadlock, lock_timeout, statement_timeout, canceled, terminated, session_ended or unknown')
  .option('--limit <n>', 'at most this many', positiveInt, 50)
  .option('--json', 'machine-readable output', false)
  .action((opts) => {
    locksCommand(opts, io.stdout);
  });

program
  .command('timeline')
  .description('per time bucket: entries by family, errors, deadlocks, lock waits, slow statements, connections; and the notable events')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'only from this time (ISO-8601, UTC unless a zone is given)')
  .option('--to <time>', 'only up to this time')
  .option('--bucket <width>', 'bucket width: 10s, 1m, 5m, 1h… (default: 40–120 rows over the span)')
  .option('--json', 'machine-readable output', false)
  .action((opts) => {
    timelineCommand(opts, io.stdout);
  });

program
  .command('incidents')
  .description("abnormal windows found against the log's own quiet periods, worst first, each with why")
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'only from this time')
  .option('--to <time>', 'only up to this time')
  .option('--bucket <width>', 'detection grain: 10s, 1m… (default: as the timeline, for the time the log covers: hours without a line left out)')
  .option('--json', 'machine-readable output', false)
  .action((opts) => {
    incidentsCommand(opts, io.stdout);
  });

program
  .command('blockers')
  .description('blocking trees: the root blockers, what they ran, and the sessions queued behind them')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--at <time>', 'blocking at this instant')
  .option('--from <time>', 'blocking during this window (with --to)')
  .option('--to <time>', 'end of the window')
  .option('--incident <n>', "during the n-th incident of 'pgautopsy incidents'", positiveInt)
  .option('--limit <n>', 'at most this many trees, most waiting first', positiveInt, 50)
  .option('--json', 'machine-readable output', false)
  .action((opts) => {
    const { incident, ...rest } = opts as { incident?: number; db: string; limit: number; json: boolean };
    if (incident === undefined) {
      blockersCommand(opts, io.stdout);
      return;
    }
    const found = loadIncidents({ db: rest.db }).incidents[incident - 1];
    if (!found) throw new UsageError(`--incident ${incident}: no such incident (see 'pgautopsy incidents')`);
    blockersCommand({ ...rest, from: found.start, to: found.end }, io.stdout);
  });

program
  .command('report')
  .description('a postmortem draft: summary, timeline, root-cause candidates with evidence, breakdowns')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'start of the window (default: the top incident)')
  .option('--to <time>', 'end of the window')
  .option('--incident <n>', "the n-th incident of 'pgautopsy incidents'", positiveInt)
  .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'json']).default('md'))
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--redact', 'replace literals in queries and parameters with placeholders', false)
  .action(async (opts) => {
    const { reportCommand } = await import('./commands/report.js');
    reportCommand(opts, io.stdout, (db) => loadIncidents({ db }).incidents);
  });

program
  .command('sql')
  .description('run a read-only SQL query on the store (schema: docs/schema.md)')
  .argument('<query>', 'one SELECT (or WITH …) statement')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--json', 'rows as JSON', false)
  .option('--csv', 'rows as CSV', false)
  .action((query: string, opts) => {
    sqlCommand(query, opts, io.stdout);
  });

program
  .command('kinds')
  .description('the kinds of events entries are classified into, with the messages each covers')
  .option('--json', 'machine-readable output', false)
  .option('--markdown', 'as the Markdown table of docs/kinds.md', false)
  .action((opts) => kindsCommand(opts, io.stdout));

/**
 * Ink shows only its last frame, on exit, when the environment says CI (`CI`,
 * `CONTINUOUS_INTEGRATION`): a blank screen for the whole session. The UI only
 * runs on a terminal (tuiCommand refuses otherwise), where someone is watching,
 * so those variables are dropped on a TTY. Before Ink loads: it reads them once.
 */
function forgetCiBeforeInk(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return;
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}

program
  .command('tui')
  .description('explore the store full-screen: histogram, events, detail, deadlocks, blockers, top queries, connections')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--from <time>', 'start with this window selected')
  .option('--to <time>', 'end of the window')
  .action(async (opts) => {
    forgetCiBeforeInk();
    const { tuiCommand } = await import('./commands/tui.js');
    await tuiCommand(opts, { stdin: process.stdin, stdout: process.stdout, env: process.env });
  });

program
  .command('explore')
  .description('ingest log inputs (with progress), then open the terminal UI on the store')
  .argument('<inputs...>', 'files, folders, archives, as for ingest')
  .option('--db <file>', 'store to write', DEFAULT_DB)
  .addOption(new Option('--format <format>', 'input format (container: lines in kubectl/docker/CRI records; cloudnative-pg: the operator\'s JSON lines)').choices(FORMAT_CHOICES).default('auto'))
  .option('--prefix <log_line_prefix>', "the server's log_line_prefix (inferred from the lines when omitted)")
  .option('--tz <zone>', 'time zone of timestamps that print none (IANA name, e.g. Europe/Paris)')
  .option('--force', 're-ingest content already in the store', false)
  .action(async (inputs: string[], opts) => {
    forgetCiBeforeInk();
    const { exploreCommand } = await import('./commands/explore.js');
    const failed = await exploreCommand(inputs, { ...opts, quiet: false, json: false }, { ...io, env: process.env });
    if (failed > 0) process.exitCode = EXIT_PARTIAL;
  });

program
  .command('doctor')
  .description('what the logs could not show, and the logging settings to change (ALTER SYSTEM lines with reasons)')
  .option('--db <file>', 'store to read', DEFAULT_DB)
  .option('--settings <file>', 'the server\'s settings: SHOW ALL output, pg_settings as CSV, or postgresql.conf')
  .option('--json', 'machine-readable output', false)
  .action((opts) => {
    doctorCommand(opts, io.stdout);
  });

program
  .command('compare')
  .description('what changed between a baseline and a target (stores or FROM..TO windows), per minute, strongest first')
  .requiredOption('--baseline <store|FROM..TO>', 'the normal period: a store file, or a time window of --db')
  .requiredOption('--target <store|FROM..TO>', 'the period to explain: a store file, or a time window of --db')
  .option('--db <file>', 'store the time windows are in')
  .option('--limit <n>', 'at most this many changes', positiveInt, 20)
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'json']))
  .option('--json', 'machine-readable output (same as --format json)', false)
  .action((opts) => {
    compareCommand(opts, io.stdout);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const missing = /^no such table: (?:main\.)?(\w+)/.exec((err as Error).message ?? '');
  if (err instanceof UsageError || err instanceof StoreError) {
    process.stderr.write(`pgautopsy: ${err.message}\n`);
    process.exitCode = EXIT_USAGE;
  } else if (missing !== null) {
    // A store whose derive pass did not complete (interrupted, or failed on a bug) has entries but not every derived table.
    process.stderr.write(`pgautopsy: this store has no ${missing[1]} table: its derive pass did not complete; run 'pgautopsy ingest' on its logs again with --force\n`);
    process.exitCode = EXIT_USAGE;
  } else {
    // Anything else is our bug: say so in one line, keep the stack for those who ask.
    process.stderr.write(`pgautopsy: internal error: ${(err as Error).message ?? err}\n`);
    if (process.env.PGAUTOPSY_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 70;
  }
}
