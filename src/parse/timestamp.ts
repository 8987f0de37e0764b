/**
 * Converts PostgreSQL's local timestamps ("2024-03-31 02:30:00.123 CEST") to UTC ISO-8601.
 *
 * The zone printed in the line wins: an abbreviation from the table below or a
 * numeric offset (`+03`, `-0530`, `+05:30`), but for an abbreviation zones far apart
 * print (`CST`: Chicago, Shanghai, Havana), which --tz settles. Logs whose timestamps
 * carry no zone (syslog headers, `--tz`) are read in an IANA zone; in a repeated
 * daylight-saving hour the earlier instant is chosen unless that would move the log
 * backwards.
 */
import type { EntrySink } from './log-entry.js';

/**
 * Offsets in minutes east of UTC: every abbreviation the time zone database prints
 * (its zones in winter and summer), and some it printed before. Those several zones
 * print (AMBIGUOUS) take their most common meaning, unless --tz names the zone.
 */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 330,
  CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180, SAST: 120,
  WAT: 60, CAT: 120, EAT: 180, IDT: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, HDT: -540, AST: -240, ADT: -180, NST: -210, NDT: -150, SST: -660,
  BRT: -180, ART: -180, PKT: 300, WIB: 420, WITA: 480, WIT: 540, SGT: 480, HKT: 480, AWST: 480,
  JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, CHST: 600, NZST: 720, NZDT: 780,
};

/**
 * The abbreviations that zones far apart print (tzdata 2026): what they are read as
 * without --tz, and who else prints them. A server in Shanghai logs `CST` and means
 * UTC+8, not Chicago's UTC-6: given --tz Asia/Shanghai, such lines are read in it.
 */
const AMBIGUOUS: Readonly<Record<string, string>> = {
  CST: 'US Central time (UTC-6); China (Asia/Shanghai, UTC+8) and Cuba (America/Havana) print it too',
  CDT: 'US Central daylight time (UTC-5); Cuba (America/Havana) prints it too',
  IST: 'India (UTC+5:30); Israel (Asia/Jerusalem, UTC+2) and Ireland in summer (Europe/Dublin, UTC+1) print it too',
  PST: 'US Pacific time (UTC-8); the Philippines (Asia/Manila, UTC+8) print it too',
};

const LOCAL_TIME = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?$/;
const NUMERIC_ZONE = /^([+-])(\d\d):?(\d\d)?$/;

/** Minutes east of UTC for a zone as PostgreSQL prints it, or undefined if unknown. */
export function zoneOffsetMinutes(zone: string): number | undefined {
  const fixed = ABBREVIATIONS[zone.toUpperCase()];
  if (fixed !== undefined) return fixed;
  const m = NUMERIC_ZONE.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

export function isKnownZone(zone: string): boolean {
  return zoneOffsetMinutes(zone) !== undefined;
}

/** True if `zone` is an IANA name this runtime knows (for validating `--tz`). */
export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface TimestampConverter {
  /**
   * `local` is "YYYY-MM-DD HH:MM[:SS[.fff]]"; `zone` the printed abbreviation/offset if any.
   * Returns UTC ISO with milliseconds, or undefined when the text is not a timestamp.
   */
  toUtc(local: string, zone?: string): string | undefined;
  /** Zones seen in the input that we could not interpret (reported once each). */
  readonly unknownZones: ReadonlySet<string>;
  /** Abbreviations several zones print, read in their common meaning for want of --tz (see AMBIGUOUS). */
  readonly ambiguousZones: ReadonlySet<string>;
}

/** Warns once for each zone the converters could not read, or read in a meaning --tz could change. */
export function warnZones(sink: Pick<EntrySink, 'warn'>, ...converters: TimestampConverter[]): void {
  const unknown = new Set(converters.flatMap((c) => [...c.unknownZones]));
  const ambiguous = new Set(converters.flatMap((c) => [...c.ambiguousZones]));
  for (const z of unknown) sink.warn(`unknown time zone ${JSON.stringify(z)} in timestamps; read as --tz local time, or UTC without --tz`);
  for (const z of ambiguous) {
    sink.warn(`time zone ${JSON.stringify(z)} in timestamps read as ${AMBIGUOUS[z.toUpperCase()]}: if the server is there, give its zone with --tz`);
  }
}

interface MinuteUtc {
  iso: string;   // "YYYY-MM-DDTHH:MM" in UTC
  epoch: number; // ms, for monotonicity checks
}

/** The number written by `count` ASCII digits from `at`, or -1 if one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** One converter per input file: it remembers the last instant for DST disambiguation. */
export function createTimestampConverter(fallbackZone?: string): TimestampConverter {
  const unknownZones = new Set<string>();
  const ambiguousZones = new Set<string>();
  const fixedCache = new Map<string, MinuteUtc>();
  let lastEpoch = -Infinity;

  /** The last answer of the common case below, for the same text again. */
  const repeat: { local: string | undefined; zone: string | undefined; epoch: number; iso: string } = { local: undefined, zone: undefined, epoch: 0, iso: '' };
  // Consecutive lines mostly share their minute: answer those without building a cache key.
  let lastMinute = '';
  let lastZone: string | undefined;
  let lastResult: MinuteUtc | undefined;

  function convertMinute(localMinute: string, zone: string | undefined): MinuteUtc | undefined {
    if (lastResult !== undefined && localMinute === lastMinute && zone === lastZone) return lastResult;
    const result = lookupMinute(localMinute, zone);
    // Repeated DST hours are not cached (see below): they must be looked at every time.
    if (result !== undefined && fixedCache.has(zone === undefined ? localMinute : `${localMinute} ${zone}`)) {
      lastMinute = localMinute;
      lastZone = zone;
      lastResult = result;
    }
    return result;
  }

  function lookupMinute(localMinute: string, zone: string | undefined): MinuteUtc | undefined {
    const key = zone === undefined ? localMinute : `${localMinute} ${zone}`;
    const cached = fixedCache.get(key);
    if (cached) return cached;
    const m = LOCAL_TIME.exec(localMinute);
    if (!m) return undefined;
    const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
    let offset = zone === undefined ? undefined : zoneOffsetMinutes(zone);
    if (zone !== undefined && offset === undefined) unknownZones.add(zone);
    if (zone !== undefined && AMBIGUOUS[zone.toUpperCase()] !== undefined) {
      if (fallbackZone !== undefined) offset = undefined; // --tz says which zone prints it
      else ambiguousZones.add(zone);
    }
    if (offset === undefined && fallbackZone !== undefined) {
      const instants = ianaInstants(wall, fallbackZone);
      if (instants.length === 2) {
        // Repeated hour: not cached, the answer depends on where the log is.
        const [early, late] = instants as [number, number];
        const epoch = early >= lastEpoch - 5 * 60_000 ? early : late;
        return { iso: isoMinute(epoch), epoch };
      }
      offset = (wall - instants[0]!) / 60_000;
    }
    const epoch = wall - (offset ?? 0) * 60_000;
    const result = { iso: isoMinute(epoch), epoch };
    if (fixedCache.size > 10_000) fixedCache.clear();
    fixedCache.set(key, result);
    return result;
  }

  return {
    unknownZones,
    ambiguousZones,
    toUtc(local, zone) {
      // Busy logs print the same millisecond on many lines in a row (84 % of the 106 MB bench log's lines).
      if (local === repeat.local && zone === repeat.zone) {
        lastEpoch = repeat.epoch;
        return repeat.iso;
      }
      // The common case, `YYYY-MM-DD HH:MM:SS.fff` in the minute of the line before: no slicing to compare.
      if (
        lastResult !== undefined &&
        local.length === 23 &&
        (zone === '' ? undefined : zone) === lastZone &&
        local.startsWith(lastMinute) &&
        local.charCodeAt(16) === 58 /* : */ &&
        local.charCodeAt(19) === 46 /* . */
      ) {
        const seconds = digits(local, 17, 2);
        const millis = digits(local, 20, 3);
        if (seconds >= 0 && seconds < 60 && millis >= 0) {
          lastEpoch = lastResult.epoch + seconds * 1000 + millis;
          repeat.local = local;
          repeat.zone = zone;
          repeat.epoch = lastEpoch;
          repeat.iso = `${lastResult.iso}${local.slice(16)}Z`;
          return repeat.iso;
        }
      }
      if (local.length < 16) return undefined;
      const minute = convertMinute(local.slice(0, 16), zone === '' ? undefined : zone);
      if (!minute) return undefined;
      const rest = local.slice(16);
      let seconds = '00';
      let millis = '000';
      if (rest.length > 0) {
        // Seconds past 59 (PostgreSQL prints no leap second) would make a time no parser reads back.
        if (rest[0] !== ':' || !/^:[0-5]\d(\.\d+)?$/.test(rest)) return undefined;
        seconds = rest.slice(1, 3);
        if (rest.length > 4) millis = (rest.slice(4) + '00').slice(0, 3);
      }
      lastEpoch = minute.epoch + +seconds * 1000 + +millis;
      return `${minute.iso}:${seconds}.${millis}Z`;
    },
  };
}

function isoMinute(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 16);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset (minutes east) of an IANA zone at a given instant. */
function ianaOffsetAt(epoch: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(epoch)) p[part.type] = part.value;
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((wall - Math.floor(epoch / 1000) * 1000) / 60_000);
}

/** Every instant whose wall-clock time in `zone` is `wall` (0, 1 or 2 of them; never 0 returned). */
function ianaInstants(wall: number, zone: string): number[] {
  const offsets = new Set([ianaOffsetAt(wall - 86_400_000, zone), ianaOffsetAt(wall + 86_400_000, zone), ianaOffsetAt(wall, zone)]);
  const found = [...offsets]
    .map((o) => wall - o * 60_000)
    .filter((t) => ianaOffsetAt(t, zone) * 60_000 === wall - t)
    .sort((a, b) => a - b);
  // A wall time inside a spring-forward gap does not exist: read it with the offset before the gap.
  return found.length > 0 ? found : [wall - ianaOffsetAt(wall - 86_400_000, zone) * 60_000];
}
