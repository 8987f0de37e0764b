/**
 * Connections in the window: opened, refused and failed authentications per
 * bucket (the timeline's counts) and by application, user and client host; and
 * session lengths from the `sessions` table when the store has it. The groups
 * are summed from `connection_counts` when the store has it (whole minutes), the
 * window's partial minutes from the entries.
 */
import { loadFrame, bucketStartMs } from '../../analyze/timeline/bucket-frame.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { countEntries } from '../../analyze/timeline/entry-counts.js';
import { coverRange, secondIso, wholeMinutes } from '../../analyze/timeline/cover-range.js';
import { CONNECTION_COUNT_WIDTHS } from '../../derive/timeline/connection-count-schema.js';
import { AUTH_KINDS, CONNECTION_DIMS, DIM_SQL, GROUPED_FAMILIES, OPENED_KIND, REFUSED_KINDS, type ConnectionDim } from '../../derive/timeline/connection-groups.js';
import { rank, walkSessionLengths, type SessionLengths } from '../../derive/sessions/session-lengths.js';
import { hasIndex, hasTable } from '../../store/has-table.js';
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

export type { SessionLengths };

export interface Connections {
  buckets: ConnectionBucket[];
  groups: ConnectionGroup[];
  sessions: SessionLengths | null;
}

const list = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(', ');
const GROUPS_SHOWN = 8;
type Counts = Omit<ConnectionGroup, 'by'>;

/** Per dimension, names with their counts, from the entries in [lo, hi] (or [lo, hi) when `open`). */
function entryGroups(db: Store, range: { lo: string; hi: string; open?: boolean }, limit: number | null): Record<ConnectionDim, Counts[]> {
  const out = { app: [], user: [], client: [] } as Record<ConnectionDim, Counts[]>;
  for (const dim of CONNECTION_DIMS) {
    out[dim] = db
      .prepare(
        `SELECT coalesce(${DIM_SQL[dim]}, '(unknown)') AS name,
                sum(kind = '${OPENED_KIND}') AS opened,
                sum(kind IN (${list(REFUSED_KINDS)})) AS refused,
                sum(kind IN (${list(AUTH_KINDS)})) AS auth
           FROM entries
          WHERE ts >= @lo AND ts ${range.open === true ? '<' : '<='} @hi AND family IN (${list(GROUPED_FAMILIES)}) AND ${NOT_MIRRORED_SQL}
          GROUP BY name HAVING opened + refused + auth > 0
          ORDER BY refused + auth DESC, opened DESC, name${limit === null ? '' : ` LIMIT ${limit}`}`,
      )
      .all({ lo: range.lo, hi: range.hi }) as Counts[];
  }
  return out;
}

/** The whole minutes of the window from `connection_counts`, its partial minutes from the entries. */
function tableGroups(db: Store, window: TimeWindow): Record<ConnectionDim, Counts[]> {
  const from = window.from ?? '';
  const to = window.to ?? '\uffff';
  const { lo, hi } = wholeMinutes(window);
  if (lo >= hi) return entryGroups(db, { lo: from, hi: to }, null);
  const sums = new Map<string, Counts & { dim: ConnectionDim }>();
  const add = (dim: ConnectionDim, c: Counts) => {
    const key = `${dim}\t${c.name}`;
    const into = sums.get(key);
    if (into === undefined) sums.set(key, { dim, ...c });
    else {
      into.opened += c.opened;
      into.refused += c.refused;
      into.auth += c.auth;
    }
  };
  const stmt = db.prepare(
    `SELECT dim, name, sum(opened) AS opened, sum(refused) AS refused, sum(auth) AS auth FROM connection_counts
      WHERE width = @w AND start_sec >= @lo AND start_sec < @hi GROUP BY dim, name`,
  );
  for (const part of coverRange(lo, hi, CONNECTION_COUNT_WIDTHS)) {
    for (const r of stmt.all(part) as Array<Counts & { dim: ConnectionDim }>) add(r.dim, r);
  }
  const edges = [
    ...(Number.isFinite(lo) ? [entryGroups(db, { lo: from, hi: secondIso(lo), open: true }, null)] : []),
    ...(Number.isFinite(hi) ? [entryGroups(db, { lo: secondIso(hi), hi: to }, null)] : []),
  ];
  for (const e of edges) for (const dim of CONNECTION_DIMS) for (const c of e[dim]) add(dim, c);
  const out = { app: [], user: [], client: [] } as Record<ConnectionDim, Counts[]>;
  for (const { dim, ...c } of sums.values()) out[dim].push(c);
  return out;
}

const byAlarm = (a: Counts, b: Counts) => b.refused + b.auth - (a.refused + a.auth) || b.opened - a.opened || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function groups(db: Store, window: TimeWindow): ConnectionGroup[] {
  const all = hasTable(db, 'connection_counts')
    ? tableGroups(db, window)
    : entryGroups(db, { lo: window.from ?? '', hi: window.to ?? '\uffff' }, GROUPS_SHOWN);
  return CONNECTION_DIMS.flatMap((by) =>
    all[by].filter((c) => c.opened + c.refused + c.auth > 0).sort(byAlarm).slice(0, GROUPS_SHOWN).map((c) => ({ ...c, by })),
  );
}

/**
 * A window's sessions are found by start time and sorted here (a typed array sorts in
 * half the time SQLite's temporary B-tree takes; asked to ORDER BY, SQLite would rather
 * walk the duration index and read every session of the log).
 */
const WINDOW_SESSION_LENGTH_SQL = `SELECT duration_ms FROM sessions WHERE duration_ms IS NOT NULL AND start_ts >= @from AND start_ts <= @to`;

function sessionLengths(db: Store, window: TimeWindow): SessionLengths | null {
  if (!hasTable(db, 'sessions')) return null;
  if (window.from === undefined && window.to === undefined) {
    // The whole log: the derive pass's figures; a store derived before them walks the duration index (1.7 M: 80 ms) or sorts.
    if (hasTable(db, 'session_lengths')) {
      const stored = db.prepare('SELECT sessions, median_ms, p95_ms, max_ms FROM session_lengths').get() as SessionLengths | undefined;
      if (stored !== undefined) return stored;
    }
    if (hasIndex(db, 'sessions_duration')) return walkSessionLengths(db);
  }
  const durations = Float64Array.from(
    db
      .prepare(WINDOW_SESSION_LENGTH_SQL)
      .pluck()
      .all({ from: window.from ?? '', to: window.to ?? '\uffff' }) as number[],
  ).sort();
  const at = (q: number) => (durations.length === 0 ? null : durations[rank(durations.length, q)]!);
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
