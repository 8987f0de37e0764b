/** less/vim movement over a list of `count` rows shown `page` at a time. */
import type { Key } from 'ink';

export function moveIndex(input: string, key: Key, index: number, count: number, page: number): number | null {
  const last = Math.max(0, count - 1);
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  if (input === 'j' || key.downArrow) return clamp(index + 1);
  if (input === 'k' || key.upArrow) return clamp(index - 1);
  if (input === 'g' || key.home) return 0;
  if (input === 'G' || key.end) return last;
  if (key.pageDown || (key.ctrl && input === 'f')) return clamp(index + page);
  if (key.pageUp || (key.ctrl && input === 'b')) return clamp(index - page);
  return null;
}

/** The first visible row, moved only as far as needed to keep `index` on screen. */
export function scrollTop(top: number, index: number, page: number): number {
  if (index < top) return index;
  if (index >= top + page) return index - page + 1;
  return top;
}
