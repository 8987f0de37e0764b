/** A one-line progress display for long ingests: only on a TTY, at most ten redraws a second. */
import { formatBytes, formatCount } from './format-number.js';

export interface Progress {
  bytes(n: number): void;
  entries(n: number): void;
  file(path: string): void;
  /** After the input: a named stage, `done` of `total` (0 of 0 when it cannot say). */
  stage(label: string, done: number, total: number): void;
  /** Clears the line so that a message can be printed above it. */
  clear(): void;
  done(): void;
}

export const silentProgress: Progress = {
  bytes: () => undefined,
  entries: () => undefined,
  file: () => undefined,
  stage: () => undefined,
  clear: () => undefined,
  done: () => undefined,
};

export function createProgress(out: NodeJS.WriteStream, totalBytes: number): Progress {
  const started = Date.now();
  let bytes = 0;
  let entries = 0;
  let current = '';
  let lastDraw = 0;
  let drawn = false;
  let stage: { label: string; done: number; total: number } | undefined;

  function drawStage(width: number): void {
    const { label, done, total } = stage!;
    const pct = total > 0 ? Math.min(done / total, 1) : undefined;
    const bar = pct === undefined ? '' : `[${'#'.repeat(Math.round(pct * 20)).padEnd(20, '.')}] ${(pct * 100).toFixed(0).padStart(3)}% `;
    const count = total > 0 ? ` ${formatCount(done)} of ${formatCount(total)} entries` : '';
    out.write(`\r${bar}${label}${count}…`.slice(0, width - 1).padEnd(width - 1) + '\r');
  }

  function draw(force = false): void {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    drawn = true;
    if (stage) return drawStage(out.columns ?? 80);
    const seconds = Math.max((now - started) / 1000, 0.001);
    const width = out.columns ?? 80;
    const pct = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : undefined;
    const barWidth = 20;
    const bar = pct === undefined ? '' : `[${'#'.repeat(Math.round(pct * barWidth)).padEnd(barWidth, '.')}] ${(pct * 100).toFixed(0).padStart(3)}% `;
    const stats = `${formatBytes(bytes)} ${formatBytes(bytes / seconds)}/s  ${formatCount(entries)} entries ${formatCount(entries / seconds)}/s  `;
    const room = Math.max(width - 1 - bar.length - stats.length, 0);
    const name = current.length > room ? `…${current.slice(current.length - room + 1)}` : current;
    out.write(`\r${bar}${stats}${name}`.slice(0, width - 1).padEnd(width - 1) + '\r');
    drawn = true;
  }

  return {
    bytes(n) {
      bytes += n;
      draw();
    },
    entries(n) {
      entries += n;
      draw();
    },
    file(path) {
      current = path;
      draw();
    },
    stage(label, done, total) {
      const changed = stage?.label !== label;
      stage = { label, done, total };
      draw(changed);
    },
    clear() {
      if (drawn) out.write(`\r${' '.repeat((out.columns ?? 80) - 1)}\r`);
      drawn = false;
    },
    done() {
      this.clear();
    },
  };
}
