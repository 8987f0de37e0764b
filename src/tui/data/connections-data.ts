/**
 * Connections in the window: opened, refused and failed authentications per
 * bucket (the timeline's counts) and by application, user and client host; and
 * session lengths from the `sessions` table when the store has it.
 */
import { loadFrame, NOT_MIRRORED_SQL, bucketStartMs } from '../../analyze/timeline/bucket-frame.js';
import { countEntries } from '../../analyze/timeline/entry-counts.js';
import { KIND_GAUGES } from '../../analyze/timeline/gauges.js';
import { hasTable } from '../../store/has-table.js';
import type { Store } from '../../store/open-store.js';
import type { TimeWindow } from '../../util/time-arg.js';

export interface ConnectionCounts {
  opened: number;
  refused: number;
  auth: number;
}

export interface ConnectionBucket extends ConnectionCounts {
  start: string;
}

export interface ConnectionGroup extends ConnectionCounts {
  by: 'app' | 'user' | 'client';
  name: string;
}

export interface SessionLengths {
  sessions: number;
  median_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
}

export interface Connections {
  buckets: ConnectionBucket[];
  groups: ConnectionGroup[];
  sessions: SessionLengths | null;
}

const kindsOf = (gauge: string): string[] => Object.entries(KIND_GAUGES).filter(([, g]) => g === gauge).map(([k]) => k);

function groups(db: Store, window: TimeWindow): ConnectionGroup[] {
  const refused = kindsOf('connections_refused');
  const auth = kindsOf('auth_failures');
  const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');
  const dims = { app: 'application_name', user: 'user_name', client: "CASE WHEN instr(client, '(') > 0 THEN substr(client, 1, instr(client, '(') - 1) ELSE client END" };
  const out: ConnectionGroup[] = [];
  for (const [by, expr] of Object.entries(dims) as Array<[ConnectionGroup['by'], string]>) {
    const rows = db
      .prepare(
        `SELECT coalesce(${expr}, '(unknown)') AS name,
                sum(kind = 'connection_authorized') AS opened,
                sum(kind IN (${list(refused)})) AS refused,
                sum(kind IN (${list(auth)})) AS auth
           FROM entries
          WHERE ts >= @from AND ts <= @to AND family IN ('connection', 'auth') AND ${NOT_MIRRORED_SQL}
          GROUP BY name HAVING opened + refused + auth > 0
          ORDER BY refused + auth DESC, opened DESC LIMIT 8`,
      )
      .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as Array<Omit<ConnectionGroup, 'by'>>;
    out.push(...rows.map((r) => ({ ...r, by })));
  }
  return out;
}

function sessionLengths(db: Store, window: TimeWindow): SessionLengths | null {
  if (!hasTable(db, 'sessions')) return null;
  const durations = db
    .prepare(`SELECT duration_ms FROM sessions WHERE duration_ms IS NOT NULL AND start_ts >= @from AND start_ts <= @to ORDER BY duration_ms`)
    .pluck()
    .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as number[];
  const at = (q: number) => (durations.length === 0 ? null : durations[Math.min(durations.length - 1, Math.ceil(durations.length * q) - 1)]!);
  return { sessions: durations.length, median_ms: at(0.5), p95_ms: at(0.95), max_ms: durations.at(-1) ?? null };
}

export function loadConnections(db: Store, window: TimeWindow): Connections {
  const frame = loadFrame(db, window);
  const buckets: ConnectionBucket[] = [];
  if (frame !== null) {
    countEntries(db, frame).buckets.forEach((c, i) =>
      buckets.push({
        start: new Date(bucketStartMs(frame, i)).toISOString(),
        opened: c.gauges.connections_opened,
        refused: c.gauges.connections_refused,
        auth: c.gauges.auth_failures,
      }),
    );
  }
  return { buckets, groups: groups(db, window), sessions: sessionLengths(db, window) };
}
