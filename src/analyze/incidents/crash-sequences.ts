/**
 * Crashes are always incidents, whatever the baseline says. A sequence runs from
 * the first crash line (a backend killed by a signal, a PANIC) to the server's
 * next `ready to accept connections` (or its shutdown); everything the server
 * refused meanwhile belongs to it.
 */
import type { Store } from '../../store/open-store.js';
import { type BucketFrame } from '../timeline/bucket-frame.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import type { Span } from './event-span.js';
import { NOT_LOG_SQL } from '../../store/schema.js';

export interface CrashSequence extends Span {
  message: string;
  entry_id: number;
  /** When the server accepted connections again; null if the log ends first. */
  recovered_ts: string | null;
}

interface Row { id: number; ts: string; kind: string; severity: string; message: string }

export function findCrashSequences(db: Store, frame: BucketFrame): CrashSequence[] {
  const rows = db
    .prepare(
      // Two indexed reads, (kind, ts) and the not-LOG index on (severity, ts), rather than an OR that scans the frame.
      `SELECT id, ts, kind, severity, message FROM entries
        WHERE ts >= @from AND ts <= @to AND kind IN ('server_crash', 'ready', 'shut_down') AND ${NOT_MIRRORED_SQL}
       UNION
       SELECT id, ts, kind, severity, message FROM entries
        WHERE ts >= @from AND ts <= @to AND ${NOT_LOG_SQL} AND severity = 'PANIC' AND ${NOT_MIRRORED_SQL}
        ORDER BY ts, id`,
    )
    .all({ from: frame.from, to: frame.to }) as Row[];
  const sequences: CrashSequence[] = [];
  let open: CrashSequence | null = null;
  for (const r of rows) {
    const ms = Date.parse(r.ts);
    if (r.kind === 'server_crash' || r.severity === 'PANIC') {
      if (open === null) sequences.push((open = { startMs: ms, endMs: ms, message: r.message, entry_id: r.id, recovered_ts: null }));
      else open.endMs = ms;
    } else if (open !== null) {
      open.endMs = ms;
      if (r.kind === 'ready') open.recovered_ts = r.ts;
      open = null;
    }
  }
  return sequences;
}
