/**
 * Significant differences between two periods, strongest first: subjects new in the
 * target or gone from it, rates per minute and latencies that moved by a large factor
 * on enough samples. The score is the size of the change in doublings, weighted by how
 * much evidence it rests on, so 300 timeouts outrank one new statement.
 */
import type { Group, Measure, Measurement, Subject } from './measure-period.js';

export type ChangeKind = 'new' | 'gone' | 'up' | 'down';

export interface MeasureChange {
  measure: string;
  unit: string;
  rate: boolean;
  /** per minute for rates, the level itself otherwise; null when absent */
  baseline: number | null;
  target: number | null;
  baselineSamples: number;
  targetSamples: number;
}

export interface Change {
  kind: ChangeKind;
  group: Group;
  key: string;
  subject: string;
  /** the measure that moved most */
  main: MeasureChange;
  /** every measure of the subject, for --json and the explanation */
  measures: MeasureChange[];
  factor: number | null;
  score: number;
  explanation: string;
}

export interface RankOptions {
  /** a rate or latency must move by at least this factor */
  minFactor: number;
  /** observations needed on the larger side (rates) or on both sides (latencies) */
  minSamples: number;
}

export const DEFAULT_RANK: RankOptions = { minFactor: 3, minSamples: 3 };
const WEIGHT: Record<Group, number> = { event: 1.5, statement: 1, application: 1 };
const LEVELS = new Set(['mean', 'p95']);

export function rankChanges(
  base: Measurement, target: Measurement, minutes: { baseline: number; target: number }, opts: RankOptions = DEFAULT_RANK,
): Change[] {
  const changes: Change[] = [];
  for (const key of new Set([...base.keys(), ...target.keys()])) {
    const b = base.get(key);
    const t = target.get(key);
    const subject = (t ?? b)!;
    const names = new Set([...(b?.measures.keys() ?? []), ...(t?.measures.keys() ?? [])]);
    const measures = [...names].map((name) => measureChange(name, b?.measures.get(name), t?.measures.get(name), minutes));
    let best: { m: MeasureChange; score: number; factor: number } | null = null;
    // One run of a statement never seen before can be the cause (a migration's ALTER TABLE).
    const needs = subject.group === 'statement' && (b === undefined || t === undefined) ? { minSamples: 1, minFactor: 1 } : opts;
    for (const m of measures) {
      const scored = scoreOf(m, minutes, needs);
      if (scored && (best === null || scored.score > best.score)) best = { m, ...scored };
    }
    if (best === null) continue;
    const kind: ChangeKind = b === undefined ? 'new' : t === undefined ? 'gone' : best.factor >= 1 ? 'up' : 'down';
    const score = best.score * WEIGHT[subject.group];
    changes.push({
      kind, group: subject.group, key, subject: subject.label, main: best.m, measures,
      factor: kind === 'new' || kind === 'gone' ? null : best.factor, score,
      explanation: explain(kind, subject, best.m, measures),
    });
  }
  return changes.sort((x, y) => y.score - x.score || x.key.localeCompare(y.key));
}

function measureChange(name: string, b: Measure | undefined, t: Measure | undefined, minutes: { baseline: number; target: number }): MeasureChange {
  const m = (b ?? t)!;
  const value = (x: Measure | undefined, min: number) => (x === undefined ? null : x.rate ? x.amount / min : x.amount);
  return {
    measure: name, unit: m.unit, rate: m.rate,
    baseline: value(b, minutes.baseline), target: value(t, minutes.target),
    baselineSamples: b?.samples ?? 0, targetSamples: t?.samples ?? 0,
  };
}

function scoreOf(m: MeasureChange, minutes: { baseline: number; target: number }, opts: RankOptions): { score: number; factor: number } | null {
  const samples = Math.max(m.baselineSamples, m.targetSamples);
  if (!m.rate) {
    if (!LEVELS.has(m.measure) || Math.min(m.baselineSamples, m.targetSamples) < opts.minSamples) return null;
    const factor = m.target! / Math.max(m.baseline!, 1e-3);
    if (Math.max(factor, 1 / factor) < opts.minFactor) return null;
    return { score: Math.abs(Math.log2(factor)) * Math.log10(1 + samples), factor };
  }
  if (samples < opts.minSamples) return null;
  // One observation's worth in the longer period: what "zero" could have been by chance.
  const perSample = ((m.target ?? 0) * minutes.target + (m.baseline ?? 0) * minutes.baseline) / Math.max(1, m.baselineSamples + m.targetSamples);
  const floor = perSample / Math.max(minutes.baseline, minutes.target);
  const factor = ((m.target ?? 0) + floor) / ((m.baseline ?? 0) + floor);
  if (Math.max(factor, 1 / factor) < opts.minFactor) return null;
  return { score: Math.abs(Math.log2(factor)) * Math.log10(1 + samples), factor };
}

function show(v: number | null, unit: string, rate: boolean): string {
  if (v === null || v === 0) return '0';
  const num = (x: number) => (x >= 100 ? String(Math.round(x)) : x >= 10 ? x.toFixed(1) : x.toPrecision(2));
  const n = unit === 'ms' && v >= 1000 ? `${num(v / 1000)} s` : unit === 'B' ? `${num(v / 1e6)} MB` : `${num(v)}${unit ? ` ${unit}` : ''}`;
  return rate ? `${n}/min` : n;
}

function explain(kind: ChangeKind, s: Subject, main: MeasureChange, all: MeasureChange[]): string {
  const what = main.measure === 'count' ? '' : `${main.measure} `;
  const moved = `${what}${show(main.baseline, main.unit, main.rate)} → ${show(main.target, main.unit, main.rate)}`;
  const samples = `${main.baselineSamples} → ${main.targetSamples} observed`;
  const name = s.group === 'statement' ? `statement ${s.label.length > 70 ? `${s.label.slice(0, 69)}…` : s.label}` : s.label;
  if (kind === 'new') {
    const extra = s.group === 'statement' ? all.filter((m) => m.target !== null && m !== main).map((m) => `${m.measure} ${show(m.target, m.unit, m.rate)}`).join(', ') : '';
    return `new: ${name}, not in the baseline's logs (${moved}${extra ? `; ${extra}` : ''})`;
  }
  if (kind === 'gone') return `gone: ${name}, absent from the target (${moved})`;
  const factor = (main.target ?? 0) / Math.max(main.baseline ?? 0, 1e-9);
  const times = !main.baseline ? 'from none' : !main.target ? 'to none' : factor >= 10 ? `×${Math.round(factor)}` : factor >= 1 ? `×${factor.toFixed(1)}` : `÷${(1 / factor).toFixed(1)}`;
  return `${kind === 'up' ? 'up' : 'down'}: ${name}: ${moved} (${times}, ${samples})`;
}
