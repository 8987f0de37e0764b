/** What happened inside one incident window: the figures its headline and score are made of. */
import type { Store } from '../../store/open-store.js';
import { NOT_MIRRORED_SQL } from '../../derive/mirror-files.js';
import { KIND_GAUGES, type Gauge } from '../timeline/gauges.js';
import type { WaitEpisode } from '../timeline/wait-episodes.js';
import type { CrashSequence } from './crash-sequences.js';
import { LONG_STATEMENT_MS, type Span } from './event-span.js';

export interface WindowFacts {
  lock_waits: {
    sessions: number;
    episodes: number;
    /** Waiting time inside the window, summed over sessions. */
    wait_ms: number;
    /** Where they waited, most waited-on first. */
    objects: Array<{ object: string; wait_ms: number }>;
  };
  deadlocks: number;
  refused: number;
  timeouts: Record<string, number>;
  canceled: number;
  terminations: number;
  failed_logins: number;
  errors: number;
  fatals: number;
  /** ERROR/FATAL/PANIC entries that are none of the above (application errors, mostly). */
  other_errors: number;
  /** The most frequent kinds among other_errors. */
  top_error_kinds: Array<{ kind: string; count: number }>;
  long_statements: { count: number; total_ms: number };
  crashes: CrashSequence[];
}

const COUNTED_APART = new Set<Gauge>(['deadlocks', 'connections_refused', 'timeouts', 'cancels', 'terminations', 'auth_failures']);

const overlap = (e: WaitEpisode, w: Span) => Math.max(0, Math.min(e.endMs, w.endMs) - Math.max(e.startMs, w.startMs));

function lockFacts(episodes: readonly WaitEpisode[], w: Span): WindowFacts['lock_waits'] {
  const inside = episodes.filter((e) => e.startMs <= w.endMs && e.endMs >= w.startMs);
  const byObject = new Map<string, number>();
  for (const e of inside) byObject.set(e.object, (byObject.get(e.object) ?? 0) + overlap(e, w));
  return {
    sessions: new Set(inside.map((e) => e.pid)).size,
    episodes: inside.length,
    wait_ms: inside.reduce((sum, e) => sum + overlap(e, w), 0),
    objects: [...byObject].map(([object, wait_ms]) => ({ object, wait_ms })).sort((a, b) => b.wait_ms - a.wait_ms),
  };
}

export function windowFacts(db: Store, episodes: readonly WaitEpisode[], crashes: readonly CrashSequence[], w: Span): WindowFacts {
  const range = { a: new Date(w.startMs).toISOString(), b: new Date(w.endMs).toISOString() };
  const counted = Object.keys(KIND_GAUGES).map((k) => `'${k}'`).join(', ');
  const rows = db
    .prepare(
      `SELECT kind, severity, count(*) AS n FROM entries
        WHERE ts >= @a AND ts <= @b AND ${NOT_MIRRORED_SQL} AND (severity IN ('ERROR', 'FATAL', 'PANIC') OR kind IN (${counted}))
        GROUP BY kind, severity`,
    )
    .all(range) as Array<{ kind: string; severity: string; n: number }>;
  const facts: WindowFacts = {
    lock_waits: lockFacts(episodes, w), deadlocks: 0, refused: 0, timeouts: {}, canceled: 0, terminations: 0, failed_logins: 0,
    errors: 0, fatals: 0, other_errors: 0, top_error_kinds: [], long_statements: { count: 0, total_ms: 0 },
    crashes: crashes.filter((c) => c.startMs <= w.endMs && c.endMs >= w.startMs),
  };
  const otherKinds = new Map<string, number>();
  for (const r of rows) {
    const gauge = KIND_GAUGES[r.kind as keyof typeof KIND_GAUGES];
    if (r.severity === 'ERROR') facts.errors += r.n;
    if (r.severity === 'FATAL' || r.severity === 'PANIC') facts.fatals += r.n;
    if (gauge === 'deadlocks') facts.deadlocks += r.n;
    else if (gauge === 'connections_refused') facts.refused += r.n;
    else if (gauge === 'timeouts') facts.timeouts[r.kind] = (facts.timeouts[r.kind] ?? 0) + r.n;
    else if (gauge === 'cancels') facts.canceled += r.n;
    else if (gauge === 'terminations') facts.terminations += r.n;
    else if (gauge === 'auth_failures') facts.failed_logins += r.n;
    const isError = r.severity === 'ERROR' || r.severity === 'FATAL' || r.severity === 'PANIC';
    if (isError && !(gauge !== undefined && COUNTED_APART.has(gauge))) {
      facts.other_errors += r.n;
      otherKinds.set(r.kind, (otherKinds.get(r.kind) ?? 0) + r.n);
    }
  }
  facts.top_error_kinds = [...otherKinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)).slice(0, 3);
  const long = db
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(ms), 0) AS total_ms FROM (
         SELECT CAST(substr(message, 11) AS REAL) AS ms FROM entries WHERE ts >= @a AND ts <= @b AND kind = 'duration' AND ${NOT_MIRRORED_SQL})
        WHERE ms >= ${LONG_STATEMENT_MS}`,
    )
    .get(range) as { count: number; total_ms: number };
  facts.long_statements = { count: long.count, total_ms: Math.round(long.total_ms * 1000) / 1000 };
  return facts;
}
