/** The classify stage of ingest: names each entry's event and settles its SQLSTATE. */
import { classify } from '../classify/index.js';
import type { LogEntry } from '../parse/log-entry.js';

export function classifyEntry(e: LogEntry): void {
  const c = classify(e);
  e.kind = c.kind;
  e.family = c.family;
  // Stored: the logged code, else the one the message text implies; never 00000 ("no error").
  e.sqlstate = c.sqlstate;
}
