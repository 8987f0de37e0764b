/** `pgautopsy compare`: what changed between a normal period and another, per minute. */
import type { Writable } from 'node:stream';
import { comparePeriods, type Comparison } from '../analyze/compare/compare-periods.js';
import { resolvePeriod, type Period } from '../analyze/compare/period.js';
import { DEFAULT_RANK } from '../analyze/compare/rank-changes.js';
import { shortTime } from '../util/time-arg.js';
import { UsageError } from './errors.js';

export interface CompareOptions {
  db?: string;
  baseline: string;
  target: string;
  limit: number;
  json: boolean;
  format?: string;
}

export function loadComparison(opts: Pick<CompareOptions, 'db' | 'baseline' | 'target'>): Comparison {
  return comparePeriods(resolvePeriod(opts.baseline, '--baseline', opts.db), resolvePeriod(opts.target, '--target', opts.db), DEFAULT_RANK);
}

const period = (p: Period) => `${p.label === p.db ? `${p.db}: ` : ''}${shortTime(p.from)} → ${shortTime(p.to)} (${p.minutes.toFixed(1)} min)`;

export function formatComparison(c: Comparison, limit: number, md: boolean): string {
  const top = c.changes.slice(0, limit);
  const more = c.changes.length > limit ? `(${c.changes.length - limit} smaller changes not shown; --limit or --json for all)` : '';
  if (md) {
    const lines = [`## What changed`, '', `- Baseline: ${period(c.baseline)}`, `- Target: ${period(c.target)}`, ''];
    if (top.length === 0) return `${lines.join('\n')}No significant change.\n`;
    lines.push(...top.map((x, i) => `${i + 1}. ${x.explanation.replace(/^(\w+):/, '**$1**:')}`));
    if (more) lines.push('', more);
    return `${lines.join('\n')}\n`;
  }
  const lines = [`Baseline: ${period(c.baseline)}`, `Target:   ${period(c.target)}`, ''];
  if (top.length === 0) return `${lines.join('\n')}No significant change (rates and latencies within ×${DEFAULT_RANK.minFactor}).\n`;
  const width = String(top.length).length;
  lines.push(...top.map((x, i) => `${String(i + 1).padStart(width)}. ${x.explanation}`));
  if (more) lines.push('', more);
  return `${lines.join('\n')}\n`;
}

export function compareCommand(opts: CompareOptions, out: Writable): Comparison {
  if (opts.json && opts.format !== undefined && opts.format !== 'json') throw new UsageError(`--json and --format ${opts.format} cannot both be given`);
  const c = loadComparison(opts);
  if (opts.json || opts.format === 'json') out.write(`${JSON.stringify(c, null, 2)}\n`);
  else out.write(formatComparison(c, opts.limit, opts.format === 'md'));
  return c;
}
