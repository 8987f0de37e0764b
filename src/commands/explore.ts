/** `pgautopsy explore <inputs…>`: ingest (with progress) into a store, then open the UI on it. */
import { ingestCommand, type CommandIO, type IngestOptions } from './ingest.js';
import { tuiCommand } from './tui.js';
import type { TuiIO } from '../tui/run-tui.js';

export async function exploreCommand(inputs: readonly string[], opts: IngestOptions, io: CommandIO & TuiIO): Promise<number> {
  const summary = await ingestCommand(inputs, opts, { stdout: io.stderr, stderr: io.stderr, stdin: io.stdin });
  await tuiCommand({ db: opts.db }, io);
  return summary.failed;
}
