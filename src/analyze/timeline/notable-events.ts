/**
 * The single events worth a line of their own on a timeline: the server's life
 * (start, ready, crash, shutdown), configuration changes, each administrator
 * termination, and the first refusal of each burst of refused connections.
 */
import type { Kind } from '../../classify/index.js';
import type { Store } from '../../store/open-store.js';
import { type BucketFrame } from './bucket-frame.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { NOT_LOG_SQL } from '../../store/schema.js';

export type NotableWhat =
  | 'crash' | 'panic' | 'startup' | 'startup_failed' | 'ready' | 'shutdown_request' | 'shut_down' | 'reload' | 'parameter'
  | 'config_error' | 'out_of_memory' | 'disk_full' | 'wraparound' | 'promoted' | 'refusals' | 'terminated';

export interface NotableEvent {
  ts: string;
  what: NotableWhat;
  kind: string;
  message: string;
  entry_id: number;
  file: string;
  line: number;
  /** For `refusals`: how many refusals the burst had, and when its last one was. */
  burst?: { count: number; last_ts: string };
}

const NOTABLE_KINDS: Partial<Record<Kind, NotableWhat>> = {
  server_crash: 'crash',
  startup: 'startup',
  startup_failed: 'startup_failed',
  ready: 'ready',
  shutdown_request: 'shutdown_request',
  shut_down: 'shut_down',
  config_reload: 'reload',
  parameter_changed: 'parameter',
  config_error: 'config_error',
  out_of_memory: 'out_of_memory',
  disk_full: 'disk_full',
  wraparound_stop: 'wraparound',
  promoted: 'promoted',
  admin_terminated: 'terminated',
};

const REFUSAL_KINDS = ['too_many_clients', 'reserved_slots', 'too_many_connections_role', 'too_many_connections_db', 'cannot_connect_now'] as const satisfies readonly Kind[];

/** Refusals closer than this to the previous one belong to the same burst. */
const MIN_BURST_GAP_MS = 10_000;

interface Row { id: number; ts: string; kind: string; severity: string; message: string; file: string; line: number }

/** Of several lines a kind covers, the one that says it (the banner, not the `listening on` lines). */
function isHeadline(r: Row): boolean {
  if (r.kind === 'startup') return r.message.startsWith('starting PostgreSQL');
  if (r.kind === 'promoted') return r.message.startsWith('selected new timeline');
  return true;
}

export function loadNotableEvents(db: Store, frame: BucketFrame): NotableEvent[] {
  const kinds = [...Object.keys(NOTABLE_KINDS), ...REFUSAL_KINDS];
  const rows = db
    .prepare(
      // Two indexed reads, (kind, ts) and the not-LOG index on (severity, ts), rather than an OR that scans the frame.
      `SELECT e.id, e.ts, e.kind, e.severity, e.message, f.path AS file, e.line_start AS line
         FROM entries e JOIN files f ON f.id = e.file_id
        WHERE e.ts >= @from AND e.ts <= @to AND e.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND e.${NOT_MIRRORED_SQL}
       UNION
       SELECT e.id, e.ts, e.kind, e.severity, e.message, f.path AS file, e.line_start AS line
         FROM entries e JOIN files f ON f.id = e.file_id
        WHERE e.ts >= @from AND e.ts <= @to AND e.${NOT_LOG_SQL} AND e.severity = 'PANIC' AND e.${NOT_MIRRORED_SQL}
        ORDER BY 2, 1`,
    )
    .iterate({ from: frame.from, to: frame.to }) as IterableIterator<Row>;
  const burstGap = Math.max(MIN_BURST_GAP_MS, frame.size * 1000);
  const events: NotableEvent[] = [];
  let burst: NotableEvent | null = null;
  // A fast shutdown terminates every session "due to administrator command": only the others are pg_terminate_backend().
  let shuttingDown = false;
  for (const r of rows) {
    const event = (what: NotableWhat): NotableEvent => ({ ts: r.ts, what, kind: r.kind, message: r.message, entry_id: r.id, file: r.file, line: r.line });
    if ((REFUSAL_KINDS as readonly string[]).includes(r.kind)) {
      if (burst?.burst && Date.parse(r.ts) - Date.parse(burst.burst.last_ts) <= burstGap) {
        burst.burst.count++;
        burst.burst.last_ts = r.ts;
      } else {
        burst = { ...event('refusals'), burst: { count: 1, last_ts: r.ts } };
        events.push(burst);
      }
      continue;
    }
    const what = r.severity === 'PANIC' ? 'panic' : NOTABLE_KINDS[r.kind as Kind];
    if (what === undefined || !isHeadline(r)) continue;
    if (what === 'shutdown_request') shuttingDown = true;
    else if (what === 'startup' || what === 'ready') shuttingDown = false;
    if (what === 'terminated' && shuttingDown) continue;
    events.push(event(what));
  }
  return events;
}
