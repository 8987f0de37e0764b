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
