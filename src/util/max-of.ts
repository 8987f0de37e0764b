/**
 * The largest of `values` and `floor`, by a loop: `Math.max(...values)` passes every value
 * as an argument and overflows the call stack past about 100 000 of them (a listing of
 * every lock wait of a big log).
 */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
