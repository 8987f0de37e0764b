/**
 * The bounded-step text search against a plain full query, on a store built from the
 * samples, without its full-text index (the search scans in steps) and with it (the
 * samples' searches are then one step).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../../src/store/open-store.js';
import { eventsAfter, eventsBefore, eventsFrom, type Cursor, type EventRow, type EventScope } from '../../../src/tui/data/event-query.js';
import { nextStepSize, planSearch, runSearch, searchStep, type SearchPlan } from '../../../src/tui/data/event-search.js';
import type { TimeWindow } from '../../../src/util/time-arg.js';
import { sampleStore, withoutTextIndex } from '../tui-harness.js';

let store: { dbPath: string; db: Store };
let plain: { dbPath: string; db: Store };
before(async () => {
  store = await sampleStore();
  plain = withoutTextIndex(store);
});
after(() => {
  store.db.close();
  plain.db.close();
});

const cursorOf = (e: EventRow): Cursor => ({ ts: e.ts, id: e.id });

/** Runs every step synchronously, keeping the progress figures. */
function scanAll(plan: SearchPlan, step: number): { found: EventRow | undefined; steps: number; progress: number[] } {
  const progress: number[] = [];
  let at = plan.origin;
  for (let steps = 1; ; steps++) {
    const r = searchStep(plan, at, step);
    progress.push(r.progress);
    if (r.done) return { found: r.found, steps, progress };
    at = r.at;
  }
}

const WINDOWS: Array<[string, TimeWindow]> = [
  ['whole log', {}],
  ['a window', { from: '2026-11-26T17:01:09.000Z', to: '2026-11-26T17:01:20.000Z' }],
];
const TEXTS = ['deadlock detected', 'administrator', 'ShareLock', 'zz-no-such-text-zz'];

describe('searchStep', () => {
  for (const [label, window] of WINDOWS) {
    for (const text of TEXTS) {
      for (const forward of [true, false]) {
        for (const indexed of [false, true]) {
          it(`finds what a full query finds: "${text}", ${forward ? 'forwards' : 'backwards'}, ${label}, steps of 3 events, ${indexed ? 'with' : 'without'} the full-text index`, () => {
            const scope: EventScope = { db: (indexed ? store : plain).db, filter: {}, window };
            const all = eventsFrom(scope, null, 10_000);
            assert.ok(all.length > 20, 'enough events for several steps');
            const origin = cursorOf(all[Math.floor(all.length / 3)]!);
            const expected = forward ? eventsAfter(scope, origin, 1, { text })[0] : eventsBefore(scope, origin, 1, { text })[0];
            const got = scanAll(planSearch(scope, text, forward, origin), 3);
            assert.equal(got.found?.id, expected?.id);
            if (indexed) assert.equal(got.steps, 1, 'the index narrows the samples\' searches to one query');
            if (expected === undefined) {
              if (!indexed) assert.ok(got.steps > 3, `${got.steps} steps`);
              assert.equal(got.progress.at(-1), 1, 'no match ends at 100 %');
            }
            for (let i = 1; i < got.progress.length; i++) assert.ok(got.progress[i]! >= got.progress[i - 1]!, `progress never goes back: ${got.progress.join(' ')}`);
          });
        }
      }
    }
  }

  it('searches from the start when there is no line to start from, the first event included', () => {
    const scope: EventScope = { db: store.db, filter: {}, window: {} };
    const first = eventsFrom(scope, null, 1)[0]!;
    const text = first.message.slice(0, 12);
    assert.equal(scanAll(planSearch(scope, text, true, null), 2).found?.id, eventsFrom(scope, null, 1, { text })[0]?.id);
  });

  it('reports progress that rises to 100 % over a whole scan with no match', () => {
    const scope: EventScope = { db: plain.db, filter: {}, window: {} };
    const { found, progress } = scanAll(planSearch(scope, 'zz-no-such-text-zz', true, null), 2);
    assert.equal(found, undefined);
    assert.ok(progress.length > 10);
    assert.ok(progress.some((p) => p > 0 && p < 1), `intermediate figures: ${progress.join(' ')}`);
    assert.equal(progress.at(-1), 1);
  });
});

describe('runSearch', () => {
  it('steps on the event loop and reports progress, then no match', async () => {
    const scope: EventScope = { db: plain.db, filter: {}, window: {} };
    const seen: number[] = [];
    const found = await new Promise<EventRow | undefined>((resolve) => {
      runSearch(planSearch(scope, 'zz-no-such-text-zz', true, null), { progress: (p) => seen.push(p), done: resolve }, { step: 5, pauseMs: 0 });
    });
    assert.equal(found, undefined);
    assert.ok(seen.length > 3, `${seen.length} progress reports`);
  });

  it('stops when cancelled', async () => {
    const scope: EventScope = { db: plain.db, filter: {}, window: {} };
    let reports = 0;
    let finished = false;
    const cancel = runSearch(planSearch(scope, 'zz-no-such-text-zz', true, null), { progress: () => void reports++, done: () => void (finished = true) }, { step: 2, pauseMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    cancel();
    const at = reports;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(reports, at);
    assert.equal(finished, false);
  });
});

describe('nextStepSize: steps sized to take about stepMs', () => {
  const adaptive = { step: 10_000, pauseMs: 0, stepMs: 40 };
  const cases: Array<[string, { step: number; pauseMs: number; stepMs?: number }, number, number, number]> = [
    ['a fixed pace keeps its step', { step: 5, pauseMs: 0 }, 5, 400, 5],
    ['a step that took twice the aim halves', adaptive, 10_000, 80, 5_000],
    ['a quick step grows', adaptive, 10_000, 10, 40_000],
    ['never under 1 000 entries', adaptive, 10_000, 4_000, 1_000],
    ['never over 500 000 entries', adaptive, 400_000, 1, 500_000],
    ['a step timed at 0 ms counts as 1 ms', adaptive, 2_000, 0, 80_000],
  ];
  for (const [name, pace, step, took, want] of cases) it(name, () => assert.equal(nextStepSize(pace, step, took), want));
});
