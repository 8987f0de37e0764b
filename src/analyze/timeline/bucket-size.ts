/**
 * Bucket widths: `--bucket 10s|5m|1h`, or chosen from the span so a timeline has
 * 40–120 rows. Widths are whole seconds and buckets are aligned on multiples of
 * the width since the epoch, so a 1m bucket starts at :00 like a clock.
 */
import { UsageError } from '../../commands/errors.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Sizes people read easily; consecutive ones differ by at most 2.5×, so one always lands in 40–120 rows. */
const NICE_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
const MAX_ROWS = 120;

export function parseBucket(text: string): number {
  const m = /^\s*(\d+)\s*([smhd])\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`--bucket '${text}' is not a bucket width (use e.g. 10s, 1m, 5m, 1h)`);
  }
  return n * UNIT_SECONDS[m[2]!.toLowerCase()]!;
}

/** The smallest nice width that keeps the span within `maxRows` buckets (a timeline's 120 by default). */
export function chooseBucket(spanSeconds: number, maxRows = MAX_ROWS): number {
  for (const size of NICE_SECONDS) if (Math.ceil(spanSeconds / size) + 1 <= maxRows) return size;
  return Math.ceil(spanSeconds / (maxRows - 1) / 86400) * 86400;
}

/** `90` → `90s`, `300` → `5m`, `7200` → `2h`: the shortest exact spelling. */
export function bucketLabel(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
