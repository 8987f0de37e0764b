/** Year 10000: past it (or before 1970) an ISO time loses the fixed 24-character shape the store orders and compares by. */
const MAX_MS = Date.UTC(10000, 0, 1);

/**
 * Milliseconds since the epoch as the store's UTC ISO time, or undefined when out of
 * range: times computed from log text (an epoch, a session length, a wait) can be
 * anything in hostile or broken input, and `Date#toISOString` throws past ±275 760 years.
 */
export function isoFromMs(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms < MAX_MS ? new Date(ms).toISOString() : undefined;
}

/** `ms` brought into the range isoFromMs() accepts. */
export function clampMs(ms: number): number {
  return Math.min(Math.max(ms, 0), MAX_MS - 1);
}
