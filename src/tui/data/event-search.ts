/**
 * The events screen's text search, in bounded steps: a search with no match reads
 * every remaining message (seconds on millions of entries), so it advances at most
 * `step` events at a time on the screen's (ts, id) order and gives the event loop
 * back between steps, so that the screen redraws its progress and Esc is heard.
 */
import { eventsAfter, eventsBefore, eventsFrom, stepEnd, type Cursor, type EventRow, type EventScope } from './event-query.js';

export const SEARCH_STEP = 50_000;

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
export function searchStep(plan: SearchPlan, at: Cursor | null, step = SEARCH_STEP): SearchStep {
  const { scope, text, forward } = plan;
  const end = stepEnd(scope, at, step, forward);
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
  step: number;
  pauseMs: number;
}

/** Runs the steps, one per turn of the event loop; returns the function that cancels it. */
export function runSearch(plan: SearchPlan, on: SearchHandlers, pace: SearchPace = { step: SEARCH_STEP, pauseMs: 0 }): () => void {
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  const next = (at: Cursor | null) => {
    timer = setTimeout(() => {
      if (cancelled) return;
      const r = searchStep(plan, at, pace.step);
      if (r.done) return on.done(r.found);
      on.progress(r.progress);
      next(r.at);
    }, pace.pauseMs);
  };
  next(plan.origin);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
