/**
 * [lo, hi) seconds as the fewest rows of a rolled-up table whose widths each divide
 * the next (1 s, 5 s, 1 min, 1 h): the widest aligned middle, then narrower rows
 * for the ends. `lo` and `hi` are multiples of the finest width, or unbounded
 * (±Infinity), which the widest rows take.
 */
export interface RangePart {
  w: number;
  lo: number;
  hi: number;
}

export function coverRange(lo: number, hi: number, widths: readonly number[]): RangePart[] {
  const [w, ...finer] = [...widths].sort((a, b) => b - a);
  if (w === undefined || lo >= hi) return [];
  const a = Number.isFinite(lo) ? Math.ceil(lo / w) * w : lo;
  const b = Number.isFinite(hi) ? Math.floor(hi / w) * w : hi;
  if (a >= b) return finer.length === 0 ? [] : coverRange(lo, hi, finer);
  const clamp = (x: number) => (Number.isFinite(x) ? x : x < 0 ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER);
  return [...coverRange(lo, a, finer), { w, lo: clamp(a), hi: clamp(b) }, ...coverRange(b, hi, finer)];
}

/**
 * The whole minutes of a time window, as [lo, hi) seconds (±Infinity for an open end):
 * those whose every instant lies in [from, to] by the entries' own text comparison, so
 * that per-minute rows cover them and only the partial minutes at the edges are read
 * from the entries.
 */
/** A second of wholeMinutes()' bounds as a store time, for the edge reads. */
export const secondIso = (sec: number): string => new Date(sec * 1000).toISOString();

export function wholeMinutes(window: { from?: string | undefined; to?: string | undefined }): { lo: number; hi: number } {
  const lo = window.from === undefined ? -Infinity : Math.ceil(Date.parse(window.from) / 60000) * 60;
  let hi = window.to === undefined ? Infinity : Math.floor(Date.parse(window.to) / 60000) * 60;
  if (window.to !== undefined && new Date(hi * 1000 + 59_999).toISOString() <= window.to) hi += 60;
  return { lo, hi };
}
