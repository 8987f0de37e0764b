/** The coarser rows of `time_buckets`, summed from the one-second rows. */
import type Database from 'better-sqlite3';
import { COUNT_COLUMNS, ROW_WIDTHS } from './time-bucket-schema.js';

export function rollUpTimeBuckets(db: Database.Database): void {
  db.prepare('DELETE FROM time_buckets WHERE width > 1').run();
  for (const w of ROW_WIDTHS.filter((x) => x > 1)) {
    // start_sec − its remainder, written so that it also floors before 1970.
    db.prepare(
      `INSERT INTO time_buckets (width, start_sec, ${COUNT_COLUMNS.join(', ')}, wait_from_ms)
       SELECT ${w}, start_sec - ((start_sec % ${w}) + ${w}) % ${w} AS s, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}, min(wait_from_ms)
         FROM time_buckets WHERE width = 1 GROUP BY s ORDER BY s`,
    ).run();
  }
}
