/** Tells which log format an input is in from its first lines. */
import type { LogFormat } from '../store/log-format.js';
import { prefixInstance } from './prefix-inference.js';
import { isContainerLine } from './container-line.js';
import { isCloudNativePgLine } from './cloudnative-pg-parser.js';

const CSV_RECORD = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [^,]*,("[^"]*"|[^,"]*),("[^"]*"|[^,"]*),\d*,/;
const SYSLOG_BSD = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^\s\[:]+\[\d+\]: /;
const SYSLOG_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) \S+ [^\s\[:]+\[\d+\]: /;
const SYSLOG_RFC5424 = /^<\d{1,3}>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) \S+ \S+ \S+ \S+ [-[]/;
/** Heroku's `heroku logs` lines and its HTTPS drains' frames (syslog-line.ts). */
const SYSLOG_HEROKU =
  /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) (?:app|heroku)\[[A-Za-z][\w.-]*\]: |\d+ <\d{1,3}>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) \S+ (?:app|heroku) )/;

function looksJson(line: string): boolean {
  if (!line.startsWith('{"')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && ('error_severity' in value || 'message' in value);
  } catch {
    return false;
  }
}

/**
 * A stored format, `container` (lines inside a container runtime's records, container-line.ts)
 * or `cloudnative-pg` (the operator's JSON lines, cloudnative-pg-parser.ts).
 */
export type DetectedFormat = Exclude<LogFormat, 'unknown'> | 'container' | 'cloudnative-pg' | 'unknown';

/** Majority vote over the sample; stderr needs a level marker (`LOG:  `) on at least a fifth of the lines. */
export function detectFormat(lines: readonly string[]): DetectedFormat {
  const votes = { csv: 0, json: 0, 'cloudnative-pg': 0, syslog: 0, container: 0, stderr: 0 };
  let nonEmpty = 0;
  for (const line of lines) {
    if (line.length === 0) continue;
    nonEmpty++;
    if (looksJson(line)) votes.json++;
    else if (isCloudNativePgLine(line)) votes['cloudnative-pg']++;
    else if (CSV_RECORD.test(line)) votes.csv++;
    else if (SYSLOG_BSD.test(line) || SYSLOG_ISO.test(line) || SYSLOG_RFC5424.test(line) || SYSLOG_HEROKU.test(line)) votes.syslog++;
    else if (isContainerLine(line)) votes.container++;
    else if (prefixInstance(line) !== undefined) votes.stderr++;
  }
  if (nonEmpty === 0) return 'unknown';
  const [format, count] = (Object.entries(votes) as Array<[DetectedFormat, number]>).sort((a, b) => b[1] - a[1])[0]!;
  // csv records span lines (multi-line fields) and stderr has TAB continuations: a fifth is plenty.
  return count * 5 >= nonEmpty ? format : 'unknown';
}

/** NULs or many control characters: not text, whatever the extension says. */
export function looksBinaryText(sample: string): boolean {
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / sample.length > 0.1;
}
