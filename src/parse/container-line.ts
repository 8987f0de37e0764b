/**
 * Takes one line of a container runtime's log apart: PostgreSQL in a container writes
 * its stderr lines, and the runtime stores each one in a record of its own.
 *
 *   2026-11-26T17:01:25.066123456Z 2026-11-26 17:01:25.066 UTC [26830] LOG:  …           kubectl logs --timestamps, docker logs -t
 *   2026-11-26T17:01:25.066123456Z stderr F 2026-11-26 17:01:25.066 UTC [26830] LOG:  …  CRI (containerd, CRI-O): /var/log/pods/…
 *   {"log":"2026-11-26 17:01:25.066 UTC [26830] LOG:  …\n","stream":"stderr","time":"…"}  Docker's json-file driver
 *
 * CRI and json-file cut lines longer than 16 KiB into several records: a `P` record
 * (partial), or a json-file `log` without its newline, goes on in the next record of
 * the same stream (container-adapter.ts joins them).
 */
import { createTimestampConverter } from './timestamp.js';
import { prefixInstance } from './prefix-inference.js';
import { isCloudNativePgLine } from './cloudnative-pg-parser.js';
import type { ContainerEnvelope } from '../store/log-format.js';

export type { ContainerEnvelope } from '../store/log-format.js';

export interface ContainerLine {
  /** The runtime's time for the record, UTC ISO with milliseconds. */
  ts?: string;
  /** `stdout` or `stderr`; pieces of a cut line are joined within their stream. */
  stream: string;
  /** False when the runtime cut a long line here: the stream's next record goes on with it. */
  complete: boolean;
  /** The text PostgreSQL wrote. */
  text: string;
}

const RFC3339 = String.raw`(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:?\d\d)`;
const CRI = new RegExp(String.raw`^${RFC3339} (stdout|stderr) ([PF])(?: |$)`);
const TIMESTAMPED = new RegExp(String.raw`^${RFC3339} `);
const ISO_TIME = new RegExp(String.raw`^${RFC3339}$`);

interface DockerRecord {
  log: string;
  stream?: unknown;
  time?: unknown;
}

function dockerRecord(line: string): DockerRecord | undefined {
  if (!line.startsWith('{"log":')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && typeof (value as DockerRecord).log === 'string' ? (value as DockerRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The envelope a line is in, if any; a timestamped line only when what follows is a log line. */
function envelopeOf(line: string): ContainerEnvelope | undefined {
  if (dockerRecord(line)) return 'docker-json';
  if (CRI.test(line)) return 'cri';
  const t = TIMESTAMPED.exec(line);
  if (!t) return undefined;
  const inner = line.slice(t[0].length);
  return prefixInstance(inner) !== undefined || isCloudNativePgLine(inner) ? 'timestamps' : undefined;
}

/** The value met most often, leaving out undefined (undefined when there is none). */
function mostCommon<T>(values: Iterable<T | undefined>): T | undefined {
  const votes = new Map<T, number>();
  for (const v of values) if (v !== undefined) votes.set(v, (votes.get(v) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The envelope most of the sample's lines are in (undefined when none is). */
export function detectEnvelope(lines: readonly string[]): ContainerEnvelope | undefined {
  return mostCommon(lines.map(envelopeOf));
}

/** Whether a line is in one of the envelopes (for format detection's vote). */
export function isContainerLine(line: string): boolean {
  return envelopeOf(line) !== undefined;
}

/**
 * The stream PostgreSQL's log lines are in (`stderr`, or `stdout` behind a `2>&1`): the
 * one holding most lines with a level marker. The other stream has the entrypoint's
 * chatter, which must not cut a log line from its continuation lines.
 */
export function logStreamOf(envelope: ContainerEnvelope, lines: readonly string[]): string | undefined {
  const read = createContainerLineReader(envelope);
  return mostCommon(
    lines.map((line) => {
      const r = read(line);
      return r && prefixInstance(r.text) !== undefined ? r.stream : undefined;
    }),
  );
}

/** A reader for one file's records, all in the same envelope. */
export function createContainerLineReader(envelope: ContainerEnvelope): (line: string) => ContainerLine | undefined {
  const time = createTimestampConverter();
  /** `out`, with the record's time when it reads as one (`m`: date, clock and zone from 1). */
  const timed = (out: ContainerLine, m: RegExpExecArray): ContainerLine => {
    const ts = time.toUtc(`${m[1]!} ${m[2]!}`, m[3]);
    if (ts !== undefined) out.ts = ts;
    return out;
  };

  switch (envelope) {
    case 'cri':
      return (line) => {
        const m = CRI.exec(line);
        return m ? timed({ stream: m[4]!, complete: m[5] === 'F', text: line.slice(m[0].length) }, m) : undefined;
      };
    case 'timestamps':
      return (line) => {
        const m = TIMESTAMPED.exec(line);
        return m ? timed({ stream: '', complete: true, text: line.slice(m[0].length) }, m) : undefined;
      };
    case 'docker-json':
      return (line) => {
        const r = dockerRecord(line);
        if (!r) return undefined;
        const complete = r.log.endsWith('\n');
        let text = complete ? r.log.slice(0, -1) : r.log;
        if (complete && text.endsWith('\r')) text = text.slice(0, -1);
        const out: ContainerLine = { stream: typeof r.stream === 'string' ? r.stream : '', complete, text };
        const m = typeof r.time === 'string' ? ISO_TIME.exec(r.time) : null;
        return m ? timed(out, m) : out;
      };
  }
}
