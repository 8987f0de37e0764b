/** `pgautopsy report`: a postmortem draft in Markdown, HTML or JSON. */
import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { readStore } from '../store/open-store.js';
import { buildPostmortem } from '../report/build-postmortem.js';
import { redactPostmortem } from '../report/redact.js';
import { renderHtml } from '../report/render-html.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { timeWindow } from '../util/time-arg.js';
import { UsageError } from './errors.js';

export interface ReportOptions {
  db: string;
  from?: string;
  to?: string;
  incident?: number;
  format: 'md' | 'html' | 'json';
  out?: string;
  redact: boolean;
}

/** The incident windows, when the incidents analysis is available. */
export type IncidentFinder = (db: string) => Array<{ start: string; end: string; headline: string }>;

export function reportCommand(opts: ReportOptions, out: Writable, findIncidents?: IncidentFinder): string {
  if (opts.incident !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new UsageError('use --incident, or --from/--to, not both');
  let window: { from: string | null; to: string | null };
  let chosenBy: string;
  let others: string[] = [];
  const given = timeWindow(opts);
  if (given.from !== undefined || given.to !== undefined) {
    window = { from: given.from ?? null, to: given.to ?? null };
    chosenBy = 'given with --from/--to';
  } else {
    const incidents = findIncidents?.(opts.db) ?? [];
    const n = opts.incident ?? 1;
    const incident = incidents[n - 1];
    if (opts.incident !== undefined && !incident) throw new UsageError(`--incident ${n}: the store has ${incidents.length} incident${incidents.length === 1 ? '' : 's'} (see 'pgautopsy incidents')`);
    others = incidents
      .map((x, i) => ({ ...x, n: i + 1 }))
      .filter((x) => x.n !== n)
      .map((x) => `#${x.n} ${x.start.replace('T', ' ').replace('Z', '')} → ${x.end.slice(11, 23)} UTC: ${x.headline}`);
    if (incident) {
      window = { from: incident.start, to: incident.end };
      chosenBy = `incident ${n} of ${incidents.length} found by 'pgautopsy incidents' (${incident.headline})`;
    } else {
      window = { from: null, to: null };
      chosenBy = 'the whole log (no incident was found)';
    }
  }
  const text = readStore(opts.db, (db) => {
    let p = buildPostmortem(db, { dbPath: opts.db, window, chosenBy, otherIncidents: others });
    if (opts.redact) p = redactPostmortem(p);
    return opts.format === 'json' ? `${JSON.stringify(p, null, 2)}\n` : opts.format === 'html' ? renderHtml(p) : renderMarkdown(p);
  });
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    out.write(`report written to ${opts.out}\n`);
  } else {
    out.write(text);
  }
  return text;
}
