/** `pgautopsy tui`: the interactive explorer on an existing store, opened read-only. */
import { openStoreReadOnly } from '../store/open-store.js';
import { timeWindow } from '../util/time-arg.js';
import { runTui, type TuiIO } from '../tui/run-tui.js';
import { UsageError } from './errors.js';

export interface TuiOptions {
  db: string;
  from?: string;
  to?: string;
}

export async function tuiCommand(opts: TuiOptions, io: TuiIO): Promise<void> {
  if (!io.stdin.isTTY || !io.stdout.isTTY) throw new UsageError('tui needs a terminal (stdin and stdout must be a TTY); use the report, timeline or sql commands in scripts');
  const window = timeWindow(opts);
  const db = openStoreReadOnly(opts.db);
  try {
    await runTui(db, opts.db, io, window);
  } finally {
    db.close();
  }
}
