import { maxOf } from './max-of.js';

/** Aligned columns for terminal output; the last column may run long. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => maxOf(rows.map((r) => (c === header.length - 1 ? 0 : (r[c] ?? '').length)), h.length));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** One line of at most `max` characters: newlines folded, an ellipsis when cut. */
export function oneLine(text: string | null, max: number): string {
  if (text === null) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
