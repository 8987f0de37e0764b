/**
 * The timeline for a terminal of 80 columns: a sparkline per gauge over the whole
 * range, the table of the main gauges per bucket, then the notable events. The
 * gauges left out here (auth failures, cancels, checkpoints, families per bucket)
 * are in the JSON.
 */
import { oneLine } from '../../util/text-table.js';
import { shortTime } from '../../util/time-arg.js';
import type { Timeline, TimelineBucket } from './build-timeline.js';
import { sparkline } from './sparkline.js';
import { maxOf } from '../../util/max-of.js';

const WIDTH = 80;
const SPARK_WIDTH = 60;

interface Column {
  header: string;
  label: string;
  value: (b: Omit<TimelineBucket, 'start' | 'end'>) => number;
  show: (n: number) => string;
}

const count = (n: number) => String(n);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

const COLUMNS: Column[] = [
  { header: 'entries', label: 'entries', value: (b) => b.entries, show: count },
  { header: 'err', label: 'errors', value: (b) => b.errors, show: count },
  { header: 'fatal', label: 'fatal+panic', value: (b) => b.fatals, show: count },
  { header: 'dlk', label: 'deadlocks', value: (b) => b.deadlocks, show: count },
  { header: 'waits', label: 'lock waits', value: (b) => b.lock_waits_started, show: count },
  { header: 'wait s', label: 'lock wait s', value: (b) => b.lock_wait_ms, show: seconds },
  { header: 'slow', label: 'slow stmts', value: (b) => b.slow_statements, show: count },
  { header: 'conn', label: 'connections', value: (b) => b.connections_opened, show: count },
  { header: 'refus', label: 'refused', value: (b) => b.connections_refused, show: count },
  { header: 'tmout', label: 'timeouts', value: (b) => b.timeouts, show: count },
  { header: 'term', label: 'terminated', value: (b) => b.terminations, show: count },
];

/** Words folded into lines of at most WIDTH columns. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** `17:01:06` (or `11-26 17:01` when the range spans days; with `.mmm` for single events). */
function clock(ts: string, withDate: boolean, precise: boolean): string {
  const time = precise ? ts.slice(11, 23) : ts.slice(11, 19);
  return withDate ? `${ts.slice(5, 10)} ${time}` : time;
}

function sparklines(t: Timeline): string[] {
  const labelWidth = Math.max(...COLUMNS.map((c) => c.label.length)) + 1;
  const n = Math.min(SPARK_WIDTH, t.buckets.length);
  const first = clock(t.buckets[0]!.start, false, false);
  const last = clock(t.buckets.at(-1)!.end, false, false);
  const ends = n >= first.length + last.length + 1 ? first.padEnd(n - last.length) + last : first;
  const lines = [`${''.padEnd(labelWidth)} ${ends.padEnd(n)}  ${'total'.padStart(WIDTH - labelWidth - n - 3)}`];
  for (const c of COLUMNS) {
    const line = sparkline(t.buckets.map(c.value), SPARK_WIDTH);
    lines.push(`${c.label.padEnd(labelWidth)}│${line}│ ${c.show(c.value(t.totals)).padStart(WIDTH - labelWidth - n - 3)}`);
  }
  if (t.buckets.length > n) lines.push(`${''.padEnd(labelWidth)} (${t.buckets.length} buckets in ${n} blocks: each shows the busiest)`);
  return lines;
}

/** Runs of at least this many buckets with nothing in them are one line of the table. */
const EMPTY_RUN = 3;

const isEmpty = (b: TimelineBucket): boolean => COLUMNS.every((c) => c.value(b) === 0);

/** `38 h 30 min`, `45 min`, `90 s`. */
function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 2) return `${Math.round(ms / 1000)} s`;
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}

function table(t: Timeline, withDate: boolean): string[] {
  const header = ['time', ...COLUMNS.map((c) => c.header)];
  // Each row, or a run of empty buckets (logs of separate days leave long ones) as one line.
  const items: Array<string[] | string> = [];
  for (let i = 0; i < t.buckets.length; ) {
    let j = i;
    while (j < t.buckets.length && isEmpty(t.buckets[j]!)) j++;
    if (j - i >= EMPTY_RUN) {
      const from = t.buckets[i]!.start;
      const to = t.buckets[j - 1]!.end;
      items.push(`${clock(from, withDate, false)} … ${duration(Date.parse(to) - Date.parse(from))} without an entry, to ${clock(to, withDate, false)}`);
      i = j;
      continue;
    }
    const b = t.buckets[i++]!;
    items.push([clock(b.start, withDate, false), ...COLUMNS.map((c) => (c.value(b) === 0 ? '·' : c.show(c.value(b))))]);
  }
  const rows = items.filter((r): r is string[] => typeof r !== 'string');
  const widths = header.map((h, i) => maxOf(rows.map((r) => r[i]!.length), h.length));
  const total = widths.reduce((a, w) => a + w, 0);
  const gap = total + 2 * (widths.length - 1) <= WIDTH ? '  ' : ' ';
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(gap);
  return [line(header), ...items.map((r) => (typeof r === 'string' ? r : line(r)))];
}

/** Grouped under their file, so the evidence (file:line) fits beside the message in 80 columns. */
function events(t: Timeline, withDate: boolean): string[] {
  if (t.events.length === 0) return ['No notable single events (crash, restart, reload, termination, refusals).'];
  const whats = t.events.map((e) => (e.burst ? `${e.what} ×${e.burst.count}` : e.what));
  const whatWidth = maxOf(whats.map((w) => w.length));
  const lineWidth = maxOf(t.events.map((e) => String(e.line).length));
  const lines = ['Notable events (file, then line)'];
  let file: string | null = null;
  t.events.forEach((e, i) => {
    if (e.file !== file) lines.push(`  ${(file = e.file)}`);
    const head = `    ${clock(e.ts, withDate, true)}  ${whats[i]!.padEnd(whatWidth)}  ${String(e.line).padStart(lineWidth)}  `;
    lines.push(head + oneLine(e.message, Math.max(20, WIDTH - head.length)));
  });
  return lines;
}

export function formatTimeline(t: Timeline): string {
  if (t.buckets.length === 0) return 'No entries in the store for this window.';
  const withDate = t.buckets[0]!.start.slice(0, 10) !== t.buckets.at(-1)!.start.slice(0, 10);
  const families = Object.entries(t.totals.families).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const to = t.to!.slice(0, 10) === t.from!.slice(0, 10) ? t.to!.slice(11, 23) : shortTime(t.to);
  return [
    `Timeline ${shortTime(t.from)} → ${to} UTC: ${t.buckets.length} buckets of ${t.bucket}`,
    ...wrap(`${t.totals.entries} entries: ${families.map(([f, n]) => `${f} ${n}`).join(', ')}`),
    '',
    ...sparklines(t),
    '',
    ...table(t, withDate),
    '',
    ...events(t, withDate),
  ].join('\n');
}
