/**
 * How PostgreSQL's write_syslog() (elog.c) cuts a message, and how to tell the pieces apart.
 *
 * The message (every line of it, DETAIL and STATEMENT lines included, each with its
 * log_line_prefix) is sent as one syslog() call per line. A line longer than
 * PG_SYSLOG_LIMIT bytes is cut at the last whitespace before the limit, the whitespace
 * starting the next piece; with no whitespace, it is cut at the limit, mid-word (moved
 * back to a character boundary). So a piece that continues the previous one only ever
 * follows a previous piece that reached the limit, or one cut at a whitespace where the
 * next word did not fit.
 */

export const PG_SYSLOG_LIMIT = 900;
/** pg_mbcliplen may move a cut back by up to three bytes (a UTF-8 character's tail). */
const FULL_PIECE = PG_SYSLOG_LIMIT - 3;

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13); // C isspace()

/**
 * True if `piece` continues the line that `previous` (the piece before it in the same
 * message) started, false if it starts a new line of the message.
 *
 * A new line that starts with whitespace (a TAB continuation) right after a line of
 * nearly 900 bytes looks exactly like a word-split continuation; that rare case is joined.
 */
export function continuesPiece(previous: string, piece: string): boolean {
  if (piece.length === 0) return false;
  const previousBytes = Buffer.byteLength(previous);
  if (previousBytes >= FULL_PIECE) return true;
  if (!isSpace(piece.charCodeAt(0))) return false;
  // Cut at the whitespace that starts `piece` only if the word after it did not fit before the limit.
  let end = 1;
  while (end < piece.length && !isSpace(piece.charCodeAt(end))) end++;
  return previousBytes + Buffer.byteLength(piece.slice(1, end)) >= FULL_PIECE;
}
