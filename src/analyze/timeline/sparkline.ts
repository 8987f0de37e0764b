/** Unicode block sparklines: zero is a blank, anything above zero at least ▁, the maximum █. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One block for `value` on a scale topping out at `max`. */
export function block(value: number, max: number): string {
  if (value <= 0 || max <= 0) return ' ';
  return BLOCKS[Math.min(BLOCKS.length, Math.max(1, Math.ceil((value / max) * BLOCKS.length))) - 1]!;
}

/**
 * At most `width` blocks: when there are more values than that, each block shows
 * the largest of its group, so a one-bucket spike never disappears.
 */
export function sparkline(values: readonly number[], width: number): string {
  const per = Math.max(1, Math.ceil(values.length / width));
  const groups: number[] = [];
  for (let i = 0; i < values.length; i += per) groups.push(Math.max(...values.slice(i, i + per)));
  const max = Math.max(0, ...groups);
  return groups.map((v) => block(v, max)).join('');
}
