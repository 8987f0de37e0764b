/** Unicode block sparklines: zero is a blank, anything above zero at least ▁, the maximum █. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One block for `value` on a scale topping out at `max`. */
export function block(value: number, max: number): string {
  if (value <= 0 || max <= 0) return ' ';
  return BLOCKS[Math.min(BLOCKS.length, Math.max(1, Math.ceil((value / max) * BLOCKS.length))) - 1]!;
}

/**
 * At most `width` blocks: when there are more values than that, consecutive
 * values share a block, which shows the largest of them so a one-bucket spike
 * never disappears.
 */
export function sparkline(values: readonly number[], width: number): string {
  const n = Math.min(width, values.length);
  const groups = Array<number>(n).fill(0);
  values.forEach((v, i) => {
    const g = Math.floor((i * n) / values.length);
    groups[g] = Math.max(groups[g]!, v);
  });
  const max = Math.max(0, ...groups);
  return groups.map((v) => block(v, max)).join('');
}
