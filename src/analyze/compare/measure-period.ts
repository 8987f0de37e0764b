/**
 * What happened in one period, as subjects (a statement shape, an application, an
 * event family) each with measures: amounts over the period (turned into per-minute
 * rates when compared) and levels (latencies) that do not depend on its length.
 */
import type Database from 'better-sqlite3';
import type { Period } from './period.js';
import { FAILED_SQL } from '../../store/schema.js';

export type Group = 'event' | 'statement' | 'application';

export interface Measure {
  /** total over the period (rate) or the level itself */
  amount: number;
  /** how many observations it rests on */
  samples: number;
  rate: boolean;
  unit: string;
}

export interface Subject {
  key: string;
  group: Group;
  label: string;
  measures: Map<string, Measure>;
}

export type Measurement = Map<string, Subject>;

export function measurePeriod(db: Database.Database, p: Period): Measurement {
  const m: Measurement = new Map();
  const put = (group: Group, id: string, label: string, name: string, measure: Measure) => {
    const key = `${group}:${id}`;
    let s = m.get(key);
    if (!s) m.set(key, (s = { key, group, label, measures: new Map() }));
    s.measures.set(name, measure);
  };
  const w = { from: p.from, to: p.to };
  const rate = (amount: number, samples: number, unit: string): Measure => ({ amount, samples, rate: true, unit });
  const events = (sql: string) => db.prepare(sql).all(w) as Array<{ id: string; n: number; amount: number | null }>;

  for (const e of events(`SELECT 'lock waits' AS id, count(*) AS n, sum(${overlapMs('w.start_ts', "coalesce(w.end_ts, strftime('%Y-%m-%dT%H:%M:%fZ', julianday(w.start_ts) + coalesce(w.wait_ms, 0) / 86400000.0))")}) / 1000.0 AS amount
      FROM lock_waits w WHERE w.start_ts <= @to AND coalesce(w.end_ts, w.start_ts) >= @from`)) {
    if (e.n > 0) put('event', 'lock-wait time', 'lock-wait time', 'time', rate(e.amount ?? 0, e.n, 's'));
  }
  const counted: Array<[string, string]> = [
    ['deadlocks', `SELECT count(*) FROM deadlocks WHERE ts BETWEEN @from AND @to`],
    ['connection refusals', `SELECT count(*) FROM connection_refusals WHERE ts BETWEEN @from AND @to`],
    ['failed logins', `SELECT count(*) FROM auth_failures WHERE ts BETWEEN @from AND @to`],
    ['lock waits started', `SELECT count(*) FROM lock_waits WHERE start_ts BETWEEN @from AND @to`],
    ['statement timeouts', `SELECT count(*) FROM entries WHERE kind = 'statement_timeout' AND ts BETWEEN @from AND @to`],
    ['lock timeouts', `SELECT count(*) FROM entries WHERE kind = 'lock_timeout' AND ts BETWEEN @from AND @to`],
    ['errors', `SELECT count(*) FROM entries WHERE ${FAILED_SQL} AND ts BETWEEN @from AND @to`],
    ['connections', `SELECT count(*) FROM sessions WHERE start_ts BETWEEN @from AND @to`],
    ['temporary files', `SELECT count(*) FROM temp_files WHERE ts BETWEEN @from AND @to`],
    ['checkpoints', `SELECT count(*) FROM checkpoints WHERE start_ts BETWEEN @from AND @to`],
    ['autovacuum runs', `SELECT count(*) FROM maintenance WHERE operation IN ('vacuum', 'analyze') AND ts BETWEEN @from AND @to`],
  ];
  for (const [id, sql] of counted) {
    const n = db.prepare(sql).pluck().get(w) as number;
    if (n > 0) put('event', id, id, 'count', rate(n, n, ''));
  }
  const volume = db.prepare(`SELECT count(*) AS n, sum(bytes) AS amount FROM temp_files WHERE ts BETWEEN @from AND @to`).get(w) as { n: number; amount: number | null };
  if (volume.n > 0) put('event', 'temporary files', 'temporary files', 'volume', rate(volume.amount ?? 0, volume.n, 'B'));
  const cp = db.prepare(`SELECT count(write_s) AS n, sum(write_s) AS amount FROM checkpoints WHERE start_ts BETWEEN @from AND @to`).get(w) as { n: number; amount: number | null };
  if (cp.n > 0) put('event', 'checkpoints', 'checkpoints', 'write time', rate(cp.amount ?? 0, cp.n, 's'));

  measureApplications(db, w, put);
  measureStatements(db, w, put);
  return m;
}

type Put = (group: Group, id: string, label: string, name: string, measure: Measure) => void;

/** Milliseconds of [start, end] inside [@from, @to]. */
function overlapMs(start: string, end: string): string {
  return `max(0, (julianday(min(${end}, @to)) - julianday(max(${start}, @from))) * 86400000.0)`;
}

function measureApplications(db: Database.Database, w: { from: string; to: string }, put: Put): void {
  const app = (sql: string) => db.prepare(sql).all(w) as Array<{ app: string; n: number; amount: number }>;
  const add = (rows: Array<{ app: string; n: number; amount: number }>, name: string, unit: string) => {
    for (const r of rows) if (r.n > 0) put('application', r.app, `application ${r.app}`, name, { amount: r.amount, samples: r.n, rate: true, unit });
  };
  add(app(`SELECT coalesce(application_name, '(none)') AS app, count(*) AS n, count(*) AS amount FROM sessions WHERE start_ts BETWEEN @from AND @to GROUP BY 1`), 'connections', '');
  add(app(`SELECT coalesce(application_name, '(none)') AS app, count(*) AS n, count(*) AS amount FROM entries
            WHERE ${FAILED_SQL} AND ts BETWEEN @from AND @to GROUP BY 1`), 'errors', '');
  add(app(`SELECT coalesce(application_name, '(none)') AS app, count(*) AS n, count(*) AS amount FROM entries
            WHERE kind IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_timeout') AND ts BETWEEN @from AND @to GROUP BY 1`), 'timeouts', '');
  add(app(`SELECT coalesce(w.application_name, '(none)') AS app, count(*) AS n,
                  sum(${overlapMs('w.start_ts', "coalesce(w.end_ts, strftime('%Y-%m-%dT%H:%M:%fZ', julianday(w.start_ts) + coalesce(w.wait_ms, 0) / 86400000.0))")}) / 1000.0 AS amount
             FROM lock_waits w WHERE w.start_ts <= @to AND coalesce(w.end_ts, w.start_ts) >= @from GROUP BY 1`), 'lock-wait time', 's');
}

function measureStatements(db: Database.Database, w: { from: string; to: string }, put: Put): void {
  const rows = db
    .prepare(
      `SELECT fingerprint, normalized, phase, duration_ms, sqlstate FROM statements
        WHERE ts BETWEEN @from AND @to AND fingerprint IS NOT NULL AND phase NOT IN ('parse', 'bind')`,
    )
    .all(w) as Array<{ fingerprint: string; normalized: string | null; phase: string; duration_ms: number | null; sqlstate: string | null }>;
  const shapes = new Map<string, { label: string; logged: number; durations: number[]; errors: number }>();
  for (const r of rows) {
    let s = shapes.get(r.fingerprint);
    if (!s) shapes.set(r.fingerprint, (s = { label: r.normalized ?? r.fingerprint, logged: 0, durations: [], errors: 0 }));
    if (r.phase === 'error') s.errors++;
    else if (r.duration_ms !== null && r.phase !== 'plan') s.durations.push(r.duration_ms);
    else if (r.phase !== 'plan') s.logged++;
  }
  for (const [fp, s] of shapes) {
    const calls = Math.max(s.logged, s.durations.length);
    const label = s.label.replace(/\s+/g, ' ').trim();
    if (calls > 0) put('statement', fp, label, 'calls', { amount: calls, samples: calls, rate: true, unit: '' });
    if (s.errors > 0) put('statement', fp, label, 'errors', { amount: s.errors, samples: s.errors, rate: true, unit: '' });
    const n = s.durations.length;
    if (n === 0) continue;
    const sorted = [...s.durations].sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    put('statement', fp, label, 'total time', { amount: total / 1000, samples: n, rate: true, unit: 's' });
    put('statement', fp, label, 'mean', { amount: total / n, samples: n, rate: false, unit: 'ms' });
    put('statement', fp, label, 'p95', { amount: sorted[Math.min(n - 1, Math.floor(n * 0.95))]!, samples: n, rate: false, unit: 'ms' });
    put('statement', fp, label, 'max', { amount: sorted[n - 1]!, samples: n, rate: false, unit: 'ms' });
  }
}
