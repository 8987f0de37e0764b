/**
 * Per-second counts of the entries (by severity, family and timeline gauge) and of
 * the lock-wait time, for the histogram, the timeline, incidents and the
 * connections screen (docs/schema.md, `time_buckets`). One pass: a few counters per
 * entry; the lock waits are read back from `lock_waits` when the pass ends.
 */
import { KIND_GAUGES } from '../../analyze/timeline/gauges.js';
import type { Deriver } from '../deriver.js';
import { isoMs } from '../iso-time.js';
import { rollUpTimeBuckets } from './roll-up.js';
import { spreadWaitsBySecond } from './second-waits.js';
import { COUNT_COLUMNS, TIME_BUCKET_SCHEMA } from './time-bucket-schema.js';
import { hasTable } from '../../store/has-table.js';

const col = (name: string): number => {
  const i = (COUNT_COLUMNS as readonly string[]).indexOf(name);
  if (i < 0) throw new Error(`time_buckets has no column '${name}'`);
  return i;
};
const ENTRIES = col('entries');
const WARNINGS = col('warnings');
const ERRORS = col('errors');
const FATALS = col('fatals');
const SLOW_US = col('slow_statement_us');
const RECEIVED = col('connections_received');
const AUTHORIZED = col('connections_authorized');
const STARTED = col('lock_waits_started');
const WAIT_MS = col('lock_wait_ms');
const familyColumn = new Map<string, number>();
const kindColumn = new Map<string, number>(Object.entries(KIND_GAUGES).map(([kind, gauge]) => [kind, col(gauge)]));
const OTHER = col('family_other');

function familyIndex(family: string | null): number {
  if (family === null) return OTHER;
  let i = familyColumn.get(family);
  if (i === undefined) familyColumn.set(family, (i = col(`family_${family}`)));
  return i;
}

/** `duration: 12.345 ms …` in whole microseconds, as SQLite's CAST reads the number (0 when there is none). */
function durationUs(message: string): number {
  const ms = Number.parseFloat(message.slice(10));
  return Number.isFinite(ms) ? Math.round(ms * 1000) : 0;
}

export const timeBucketDeriver: Deriver = {
  name: 'time_buckets',
  tables: ['time_buckets'],
  schema: TIME_BUCKET_SCHEMA,
  start(db) {
    const seconds = new Map<number, number[]>();
    let currentSec = NaN;
    let current: number[] = [];
    return {
      push(e) {
        if (e.ts === null) return;
        const sec = Math.floor(isoMs(e.ts) / 1000);
        if (Number.isNaN(sec)) return;
        if (sec !== currentSec) {
          currentSec = sec;
          current = seconds.get(sec) ?? COUNT_COLUMNS.map(() => 0);
          seconds.set(sec, current);
        }
        current[ENTRIES]! += 1;
        if (e.severity === 'ERROR') current[ERRORS]! += 1;
        else if (e.severity === 'FATAL' || e.severity === 'PANIC') current[FATALS]! += 1;
        else if (e.severity === 'WARNING') current[WARNINGS]! += 1;
        current[familyIndex(e.family)]! += 1;
        const gauge = kindColumn.get(e.kind);
        if (gauge !== undefined) current[gauge]! += 1;
        if (e.kind === 'duration') current[SLOW_US]! += durationUs(e.message);
        else if (e.kind === 'connection_received') current[RECEIVED]! += 1;
        else if (e.kind === 'connection_authorized') current[AUTHORIZED]! += 1;
      },
      finish() {
        const hasWaits = hasTable(db, 'lock_waits');
        const waits = hasWaits ? spreadWaitsBySecond(db) : new Map();
        const insert = db.prepare(
          `INSERT INTO time_buckets (width, start_sec, ${COUNT_COLUMNS.join(', ')}, wait_from_ms)
           VALUES (1, ?, ${COUNT_COLUMNS.map(() => '?').join(', ')}, ?)`,
        );
        const secs = [...new Set([...seconds.keys(), ...waits.keys()])].sort((a, b) => a - b);
        for (const sec of secs) {
          const counts = seconds.get(sec) ?? COUNT_COLUMNS.map(() => 0);
          const w = waits.get(sec);
          if (w !== undefined) {
            counts[STARTED] = w.started;
            counts[WAIT_MS] = w.ms;
          }
          insert.run(sec, ...counts, w?.fromMs ?? null);
        }
        rollUpTimeBuckets(db);
      },
    };
  },
};
