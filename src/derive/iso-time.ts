/**
 * Milliseconds since the epoch of a stored timestamp (`2026-11-26T16:40:00.123Z`),
 * fast for the derive pass: timestamps come from a minute or two at a time (the
 * current entry's and the one it is compared with), so two minutes are kept parsed;
 * seconds and milliseconds are read from the digits.
 */
import { isoFromMs } from '../util/iso-from-ms.js';

let minuteText = '';
let minuteEpoch = 0;
let otherText = '';
let otherEpoch = 0;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

function minuteMs(ts: string): number {
  if (minuteText !== '' && ts.startsWith(minuteText)) return minuteEpoch;
  if (otherText !== '' && ts.startsWith(otherText)) return otherEpoch;
  otherText = minuteText;
  otherEpoch = minuteEpoch;
  minuteText = ts.slice(0, 17);
  minuteEpoch = Date.parse(`${minuteText}00.000Z`);
  return minuteEpoch;
}

export function isoMs(ts: string): number {
  if (ts.length !== 24 || ts.charCodeAt(19) !== 46) return Date.parse(ts);
  return minuteMs(ts) + (digit(ts, 17) * 10 + digit(ts, 18)) * 1000 + digit(ts, 20) * 100 + digit(ts, 21) * 10 + digit(ts, 22);
}

/** |b − a| in ms, Infinity when either is unknown. */
export function msBetween(a: string | null, b: string | null): number {
  return a === null || b === null ? Infinity : Math.abs(isoMs(b) - isoMs(a));
}

/** `ts` moved by `ms` milliseconds; null when unknown, or moved out of range by a length read from hostile text. */
export function shiftTs(ts: string | null, ms: number): string | null {
  return ts === null ? null : (isoFromMs(isoMs(ts) + ms) ?? null);
}

/** Milliseconds from `from` to `to`, or null when either is unknown. */
export function msFrom(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : isoMs(to) - isoMs(from);
}
