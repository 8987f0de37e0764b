/** Arithmetic on the store's timestamps (ISO-8601 UTC texts with milliseconds). */

export function shiftTs(ts: string | null, ms: number): string | null {
  return ts === null ? null : new Date(Date.parse(ts) + ms).toISOString();
}

/** Milliseconds from `from` to `to`, or null when either is unknown. */
export function msFrom(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : Date.parse(to) - Date.parse(from);
}
