/** Incidents for a terminal: rank, window, headline, and why each was flagged. */
import { shortTime } from '../../util/time-arg.js';
import type { Incident, IncidentReport, IncidentSignal } from './find-incidents.js';

const SIGNAL_WORDS: Record<IncidentSignal['signal'], string> = {
  lock_wait_s: 'lock-wait s',
  deadlocks: 'deadlocks',
  connections_refused: 'refused',
  timeouts: 'timeouts',
  errors: 'errors',
  fatals: 'fatal',
  statement_s: 'statement s',
};

/** Wraps `text` at spaces to `width` columns, continuation lines indented like the first. */
function wrap(text: string, indent: string, width = 80): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = line.length > indent.length ? `${line} ${word}` : `${line}${word}`;
  }
  lines.push(line);
  return lines;
}

/** Below this many buckets a median says little (crashes are still found). */
const FEW_BUCKETS = 10;

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function duration(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 120 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function formatIncident(i: Incident): string[] {
  const sameDay = i.start.slice(0, 10) === i.end.slice(0, 10);
  const end = sameDay ? i.end.slice(11, 23) : shortTime(i.end);
  const lines = [`#${i.rank}  ${shortTime(i.start)} → ${end} UTC  (${duration(i.duration_s)})  score ${num(i.score)}`];
  lines.push(...wrap(i.headline, '    '));
  for (const s of i.signals) {
    lines.push(
      `    ${SIGNAL_WORDS[s.signal].padEnd(12)} peak ${num(s.peak)} at ${s.peak_at.slice(11, 19)}, normal ${num(s.baseline)}, ` +
        `threshold ${num(s.threshold)} (${s.abnormal_buckets} bucket${s.abnormal_buckets === 1 ? '' : 's'})`,
    );
  }
  if (i.signals.length === 0 && i.crashes.length > 0) lines.push('    crash: always an incident');
  return lines;
}

export function formatIncidents(r: IncidentReport): string {
  if (r.from === null) return 'No entries in the store.';
  const head = `${r.incidents.length} incident${r.incidents.length === 1 ? '' : 's'} in ${shortTime(r.from)} → ${shortTime(r.to)} UTC (${r.bucket} buckets, each compared with the log's median bucket)`;
  const few = r.buckets < FEW_BUCKETS ? [`Only ${r.buckets} buckets: too few to learn what normal is; try a smaller --bucket.`] : [];
  if (r.incidents.length === 0) return [...wrap(head, ''), ...few, "Nothing stands out from the log's own normal."].join('\n');
  return [...wrap(head, ''), ...few, '', ...r.incidents.flatMap((i) => [...formatIncident(i), ''])].join('\n').trimEnd();
}
