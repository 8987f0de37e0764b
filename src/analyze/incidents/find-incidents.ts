/**
 * Incidents: stretches where the log departs from its own normal. Each signal's
 * buckets are compared with that signal's baseline over the whole log; abnormal
 * buckets become windows bounded by their events, crashes are added whatever the
 * baseline (assemble-windows.ts), and the windows are ranked by severity score.
 */
import type { Store } from '../../store/open-store.js';
import { pushTo } from '../../util/push-to.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { bucketStartMs, type BucketFrame } from '../timeline/bucket-frame.js';
import { buildTimeline } from '../timeline/build-timeline.js';
import { coveredBucket } from '../timeline/covered-bucket.js';
import { loadWaitEpisodes } from '../timeline/wait-episodes.js';
import { findAbnormal, type Hit } from './abnormal-buckets.js';
import { assembleWindows } from './assemble-windows.js';
import { findCrashSequences, type CrashSequence } from './crash-sequences.js';
import { headline } from './headline.js';
import type { Baseline } from './robust-baseline.js';
import { severityScore, type ScoreParts } from './severity-score.js';
import type { Signal } from './signals.js';
import { windowFacts, type WindowFacts } from './window-facts.js';

export interface IncidentSignal {
  signal: Signal;
  /** The highest bucket value, and the bucket it was in. */
  peak: number;
  peak_at: string;
  baseline: number;
  threshold: number;
  abnormal_buckets: number;
}

export interface Incident {
  rank: number;
  start: string;
  end: string;
  duration_s: number;
  headline: string;
  score: number;
  score_parts: ScoreParts;
  signals: IncidentSignal[];
  crashes: Array<{ ts: string; message: string; entry_id: number; recovered_ts: string | null }>;
  facts: Omit<WindowFacts, 'crashes'>;
}

export interface IncidentReport {
  from: string | null;
  to: string | null;
  bucket: string;
  bucket_seconds: number;
  /** How many buckets the baselines were learned from. */
  buckets: number;
  baselines: Record<Signal, Baseline>;
  incidents: Incident[];
}

function signalsOf(frame: BucketFrame, hits: readonly Hit[], baselines: Record<Signal, Baseline>): IncidentSignal[] {
  const bySignal = new Map<Signal, Hit[]>();
  for (const h of hits) pushTo(bySignal, h.signal, h);
  return [...bySignal].map(([signal, hs]) => {
    const peak = hs.reduce((a, b) => (b.value > a.value ? b : a));
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      signal, peak: round(peak.value), peak_at: new Date(bucketStartMs(frame, peak.bucket)).toISOString(),
      baseline: round(baselines[signal].median), threshold: round(baselines[signal].threshold), abnormal_buckets: new Set(hs.map((h) => h.bucket)).size,
    };
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

function crashView(c: CrashSequence): Incident['crashes'][number] {
  return { ts: iso(c.startMs), message: c.message, entry_id: c.entry_id, recovered_ts: c.recovered_ts };
}

export function findIncidents(db: Store, opts: { window: TimeWindow; bucketSeconds?: number }): IncidentReport {
  const bucketSeconds = opts.bucketSeconds ?? coveredBucket(db, opts.window);
  const { timeline, frame } = buildTimeline(db, { window: opts.window, ...(bucketSeconds !== undefined && { bucketSeconds }), events: false });
  const abnormal = findAbnormal(timeline.buckets, timeline.bucket_seconds);
  const report: IncidentReport = {
    from: timeline.from, to: timeline.to, bucket: timeline.bucket, bucket_seconds: timeline.bucket_seconds,
    buckets: timeline.buckets.length, baselines: abnormal.baselines, incidents: [],
  };
  if (frame === null) return report;
  const crashes = findCrashSequences(db, frame);
  // Every episode of the frame is only needed to place and describe windows: none when nothing was abnormal.
  const episodes = abnormal.hits.length === 0 && crashes.length === 0 ? [] : loadWaitEpisodes(db, frame.from, frame.to);
  const windows = assembleWindows(db, frame, episodes, abnormal.hits, crashes);
  const incidents = windows.map((w): Omit<Incident, 'rank'> => {
    const { crashes: inWindow, ...facts } = windowFacts(db, episodes, crashes, w);
    const { score, parts } = severityScore({ ...facts, crashes: inWindow });
    return {
      start: iso(w.startMs), end: iso(w.endMs), duration_s: (w.endMs - w.startMs) / 1000,
      headline: headline({ ...facts, crashes: inWindow }), score, score_parts: parts,
      signals: signalsOf(frame, w.hits, abnormal.baselines), crashes: inWindow.map(crashView), facts,
    };
  });
  incidents.sort((a, b) => b.score - a.score || a.start.localeCompare(b.start));
  report.incidents = incidents.map((i, n) => ({ rank: n + 1, ...i }));
  return report;
}
