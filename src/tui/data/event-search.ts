/**
 * The events screen's text search, in bounded steps: a search with no match reads
 * every remaining message (seconds on millions of entries), so it advances a step of
 * events at a time on the screen's (ts, id) order, each sized to take about 40 ms,
 * and gives the event loop back between steps, so that the screen redraws its
 * progress and Esc is heard.
 * When the full-text index narrows the text to a few entries (or none), there is
 * only one step: the query over those (text-candidates.ts).
 */
import { textCandidates } from './text-candidates.js';
import { eventsAfter, eventsBefore, eventsFrom, stepEnd, type Cursor, type EventRow, type EventScope } from './event-query.js';

export interface SearchPlan {
  scope: EventScope;
  text: string;
  forward: boolean;
  /** Where the search starts (excluded), or null for the edge of the scope (included). */
  origin: Cursor | null;
  /** The time span to cover, for the progress figure: origin to the far edge of the scope. */
  spanMs: { from: number; to: number };
}

export interface SearchStep {
  found: EventRow | undefined;
  /** The last event this step looked at, where the next step starts (excluded). */
  at: Cursor | null;
  done: boolean;
  /** 0…1 of the span covered so far. */
  progress: number;
}

const ms = (ts: string) => Date.parse(ts);

export function planSearch(scope: EventScope, text: string, forward: boolean, origin: Cursor | null): SearchPlan {
  const edge = forward ? eventsBefore(scope, null, 1)[0] : eventsFrom(scope, null, 1)[0];
  const start = origin ?? (forward ? eventsFrom(scope, null, 1)[0] : edge);
  const from = start === undefined ? 0 : ms(start.ts);
  return { scope, text, forward, origin, spanMs: { from, to: edge === undefined ? from : ms(edge.ts) } };
}

function progressAt(plan: SearchPlan, at: Cursor): number {
  const { from, to } = plan.spanMs;
  if (from === to) return 1;
  return Math.min(1, Math.max(0, (ms(at.ts) - from) / (to - from)));
}

/** Looks at up to `step` events after `at` (before it, backwards): one indexed range query for the step's end, one for a match in it. */
export function searchStep(plan: SearchPlan, at: Cursor | null, step: number): SearchStep {
  const { scope, text, forward } = plan;
  // The full-text index gave the few entries that can match (or none): one query over them all.
  const end = textCandidates(scope.db, text).kind === 'scan' ? stepEnd(scope, at, step, forward) : undefined;
  const seek = { text, ...(end !== undefined && (forward ? { upTo: end } : { downTo: end })) };
  const found =
    at === null ? (forward ? eventsFrom(scope, null, 1, seek)[0] : eventsBefore(scope, null, 1, seek)[0])
    : forward ? eventsAfter(scope, at, 1, seek)[0]
    : eventsBefore(scope, at, 1, seek)[0];
  const done = found !== undefined || end === undefined;
  const reached = found ?? end;
  return { found, at: end ?? null, done, progress: end === undefined ? 1 : progressAt(plan, reached ?? end) };
}

export interface SearchHandlers {
  progress(fraction: number): void;
  done(found: EventRow | undefined): void;
}

export interface SearchPace {
  /** Entries in the first step. */
  step: number;
  pauseMs: number;
  /**
   * When set, each next step is sized to take about this long, from the last one's
   * time per entry: what LIKE costs per entry depends on the text and the log
   * (a long statement, a text whose first letter is everywhere) by a factor of ten.
   */
  stepMs?: number;
}

export const DEFAULT_PACE: SearchPace = { step: 10_000, pauseMs: 0, stepMs: 40 };
const MIN_STEP = 1_000;
const MAX_STEP = 500_000;

/** The size of the step after one of `step` entries that took `tookMs`. */
export function nextStepSize(pace: SearchPace, step: number, tookMs: number): number {
  if (pace.stepMs === undefined) return step;
  return Math.round(Math.min(MAX_STEP, Math.max(MIN_STEP, (step * pace.stepMs) / Math.max(1, tookMs))));
}

/** Runs the steps, one per turn of the event loop; returns the function that cancels it. */
export function runSearch(plan: SearchPlan, on: SearchHandlers, pace: SearchPace = DEFAULT_PACE): () => void {
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  let step = pace.step;
  const next = (at: Cursor | null) => {
    timer = setTimeout(() => {
      if (cancelled) return;
      const started = performance.now();
      const r = searchStep(plan, at, step);
      if (r.done) return on.done(r.found);
      on.progress(r.progress);
      step = nextStepSize(pace, step, performance.now() - started);
      next(r.at);
    }, pace.pauseMs);
  };
  next(plan.origin);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
