/**
 * A reload that changes log_line_prefix says so in the log, in a line that already has
 * the new prefix (the postmaster logs the change once it is made):
 *
 *   2026-11-28 18:09:56.009 UTC [20885] LOG:  parameter "log_line_prefix" changed to "%m [%p] %q%u@%d %a "
 *
 * Removed from the configuration, the prefix is PostgreSQL's default (10 and later).
 */
const ANNOUNCED = /^parameter "log_line_prefix" (?:changed to "(.*)"|removed from configuration file, reset to default)$/;
const IN_LINE = /LOG: {2}(parameter "log_line_prefix" .*)$/;
const DEFAULT_PREFIX = '%m [%p] ';

/** The prefix a message (the text after `LOG:  `) announces, if it is such an announcement. */
export function announcedPrefix(message: string): string | undefined {
  // Cheap for the other messages: nearly all lines go through here.
  if (message.charCodeAt(0) !== 112 /* p */ || !message.startsWith('parameter "log_line_prefix" ')) return undefined;
  const m = ANNOUNCED.exec(message);
  return m ? (m[1] ?? DEFAULT_PREFIX) : undefined;
}

/** The prefix a whole line announces, whatever prefix it has (for lines no known prefix reads). */
export function announcedInLine(line: string): string | undefined {
  if (!line.includes('"log_line_prefix"')) return undefined;
  const m = IN_LINE.exec(line);
  return m ? announcedPrefix(m[1]!) : undefined;
}
