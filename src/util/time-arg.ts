/**
 * The time syntax every `--from`/`--to` accepts: ISO-8601 in UTC unless a zone is
 * given (`2026-03-20T13:00Z`, `2026-03-20 13:00:05.250`, `2026-03-20T15:00+02:00`),
 * or a date alone. Returned as the store's ISO form, so it compares as text.
 */
import { UsageError } from '../commands/errors.js';

const TIME = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?))?\s*(Z|[+-]\d\d:?\d\d)?$/i;

export function parseTimeArg(text: string, option: string): string {
  const m = TIME.exec(text.trim());
  if (!m) throw new UsageError(`${option} '${text}' is not a time (use ISO-8601, e.g. 2026-03-20T13:00Z)`);
  const zone = m[3] === undefined || m[3].toUpperCase() === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${zone}`);
  if (Number.isNaN(ms)) throw new UsageError(`${option} '${text}' is not a valid time`);
  return new Date(ms).toISOString();
}

export interface TimeWindow {
  from?: string;
  to?: string;
}

export function timeWindow(opts: { from?: string; to?: string }): TimeWindow {
  const w: TimeWindow = {};
  if (opts.from !== undefined) w.from = parseTimeArg(opts.from, '--from');
  if (opts.to !== undefined) w.to = parseTimeArg(opts.to, '--to');
  if (w.from !== undefined && w.to !== undefined && w.from > w.to) throw new UsageError(`--from ${opts.from} is after --to ${opts.to}`);
  return w;
}

/** `ts` formatted for people: "2026-11-26 17:01:10.786". */
export function shortTime(ts: string | null): string {
  return ts === null ? '(no time)' : ts.replace('T', ' ').replace('Z', '');
}
