/**
 * The bucket widths the histogram zooms through: sizes people read easily, from
 * one second to a day, so `z` and `Z` always land on a width a clock can show.
 */
const LEVELS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** More buckets than this would make zooming in slow on a long log: stop there. */
export const MAX_BUCKETS = 20000;

export function zoomIn(size: number): number {
  return [...LEVELS].reverse().find((s) => s < size) ?? size;
}

export function zoomOut(size: number): number {
  return LEVELS.find((s) => s > size) ?? size;
}
