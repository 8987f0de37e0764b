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
import { chooseBucket } from '../timeline/bucket-size.js';
import { buildTimeline } from '../timeline/build-timeline.js';
import { hasTable } from '../../store/has-table.js';
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

/** A stretch without a single log line longer than this is time the log does not cover. */
const GAP_MINUTES = 60;

/** At most this many buckets over a gappy log's span: two weeks of 1-minute buckets, or a year of 30-minute ones. */
const MAX_DETECTION_BUCKETS = 20_160;

/**
 * The bucket width for finding incidents in `window`: the one the timeline would choose
 * for the time the log covers, its stretches without a line for over an hour left out.
 * Logs of separate days (a folder of rotated files, yesterday's and today's) would
 * otherwise be cut into half-hour buckets, and an incident of two minutes blurred with
 * the next one an hour later. Undefined (the span decides) for a log without such a
 * gap, or a store without per-second counts.
 */
function loggedBucket(db: Store, window: TimeWindow): number | undefined {
  if (!hasTable(db, 'time_buckets')) return undefined;
  const lo = window.from === undefined ? -1 : Math.floor(Date.parse(window.from) / 1000);
  const hi = window.to === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(Date.parse(window.to) / 1000);
  // Found by the minute, then measured to the second, each stretch from its first and last second.
  const minutes = db
    .prepare('SELECT DISTINCT start_sec / 60 FROM time_buckets WHERE width = 1 AND start_sec >= ? AND start_sec <= ? ORDER BY 1')
    .pluck()
    .all(lo, hi) as number[];
  const stretches: Array<[number, number]> = [];
  for (const m of minutes) {
    const last = stretches.at(-1);
    if (last !== undefined && m - last[1] <= GAP_MINUTES) last[1] = m;
    else stretches.push([m, m]);
  }
  // Without a gap the span decides, as for the timeline.
  if (stretches.length < 2) return undefined;
  const ends = db.prepare('SELECT min(start_sec) AS first, max(start_sec) AS last FROM time_buckets WHERE width = 1 AND start_sec >= ? AND start_sec <= ?');
  let covered = 0;
  let start = Infinity;
  let end = -Infinity;
  for (const [first, last] of stretches) {
    const s = ends.get(Math.max(lo, first * 60), Math.min(hi, last * 60 + 59)) as { first: number; last: number };
    covered += s.last - s.first + 1;
    start = Math.min(start, s.first);
    end = Math.max(end, s.last);
  }
  // The buckets still cover the whole span, gaps included: a bound on how many.
  return Math.max(chooseBucket(covered), chooseBucket(end - start + 1, MAX_DETECTION_BUCKETS));
}

export function findIncidents(db: Store, opts: { window: TimeWindow; bucketSeconds?: number }): IncidentReport {
  const bucketSeconds = opts.bucketSeconds ?? loggedBucket(db, opts.window);
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
