/**
 * Counts the raw bytes of one input for the progress bar. For a file of known
 * size the count is capped at that size and topped up to it when the input is
 * done, whatever happened (skipped, failed half-way, zip read out of order), so
 * the bar ends at totalInputBytes. Stdin and FIFOs report what was read.
 */
export interface ByteMeter {
  add(n: number): void;
  finish(): void;
}

export function createByteMeter(size: number | undefined, report: (n: number) => void): ByteMeter {
  let counted = 0;
  return {
    add(n) {
      if (size !== undefined) n = Math.min(n, size - counted);
      if (n <= 0) return;
      counted += n;
      report(n);
    },
    finish() {
      if (size !== undefined) this.add(size - counted);
    },
  };
}
