/**
 * Bucket sums from `time_buckets` (src/derive/timeline): the whole seconds of a
 * frame are read from the coarsest rows (1 h, 1 min, 5 s, 1 s) that fit in the
 * frame's buckets; the caller reads the partial seconds at the frame's
 * edges from `entries`, so the result is what a GROUP BY over the entries gives.
 */
import type { Store } from '../../store/open-store.js';
import { COUNT_COLUMNS, ROW_WIDTHS } from '../../derive/timeline/time-bucket-schema.js';
import type { BucketFrame } from './bucket-frame.js';
import { coverRange } from './cover-range.js';

export { COUNT_COLUMNS };

/** Column index in the rows sumTableRows returns. */
export function countColumn(name: string): number {
  const i = (COUNT_COLUMNS as readonly string[]).indexOf(name);
  if (i < 0) throw new Error(`time_buckets has no column '${name}'`);
  return i;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The seconds [lo, hi) whose every entry time falls in [frame.from, frame.to] (the
 * entries' own text comparison), or null when there is no such second.
 */
export function wholeSeconds(frame: BucketFrame): { lo: number; hi: number } | null {
  let lo = Math.floor(Date.parse(frame.from) / 1000);
  if (iso(lo * 1000) < frame.from) lo += 1;
  let hi = Math.floor(Date.parse(frame.to) / 1000);
  if (iso(hi * 1000 + 999) <= frame.to) hi += 1;
  return lo < hi ? { lo, hi } : null;
}

/** Per bucket index, the sums of COUNT_COLUMNS over the one-second rows in [lo, hi). */
export function sumTableRows(db: Store, frame: BucketFrame, lo: number, hi: number): Map<number, number[]> {
  const stmt = db
    .prepare(
      `SELECT (start_sec - CAST(@origin AS INTEGER)) / CAST(@size AS INTEGER) AS b, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}
         FROM time_buckets WHERE width = @w AND start_sec >= @lo AND start_sec < @hi GROUP BY b`,
    )
    .raw(true);
  const sums = new Map<number, number[]>();
  const widths = ROW_WIDTHS.filter((w) => frame.size % w === 0);
  for (const part of coverRange(lo, hi, widths)) {
    for (const [b, ...values] of stmt.iterate({ origin: frame.originSec, size: frame.size, ...part }) as IterableIterator<number[]>) {
      const into = sums.get(b!);
      if (into === undefined) sums.set(b!, values);
      else values.forEach((v, i) => (into[i]! += v));
    }
  }
  return sums;
}

/** When the earliest lock wait going on in second `sec` started (ms), or null when none was. */
export function waitFromMs(db: Store, sec: number): number | null {
  const v = db.prepare('SELECT wait_from_ms FROM time_buckets WHERE width = 1 AND start_sec = ?').pluck().get(sec) as number | null | undefined;
  return v ?? null;
}
