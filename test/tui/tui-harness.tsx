/** Renders the app on a real store built from the samples, at 80×24 without colour, and types keys into it. */
import { render } from 'ink-testing-library';
import { join } from 'node:path';
import { openStoreReadOnly, type Store } from '../../src/store/open-store.js';
import { App } from '../../src/tui/app.js';
import type { SearchPace } from '../../src/tui/data/event-search.js';
import { TuiContext } from '../../src/tui/tui-context.js';
import { copyWithout, runIngest, tempDir } from '../helpers/run-ingest.js';
import { SAMPLES } from './samples.js';


export async function sampleStore(): Promise<{ dbPath: string; db: Store }> {
  const dbPath = join(tempDir(), 'store.db');
  const run = await runIngest(SAMPLES, { dbPath });
  run.db.close();
  return { dbPath, db: openStoreReadOnly(dbPath) };
}

/**
 * The same store without the full-text index, as an older version left it: a text
 * search then scans in steps (the index makes the samples' searches one step).
 */
export function withoutTextIndex(store: { dbPath: string }): { dbPath: string; db: Store } {
  const dbPath = join(tempDir(), 'plain.db');
  copyWithout(store.dbPath, dbPath, 'DROP TABLE entry_words');
  return { dbPath, db: openStoreReadOnly(dbPath) };
}

export const KEYS = { enter: '\r', escape: '\x1b', down: '\x1b[B', up: '\x1b[A', pageDown: '\x1b[6~', pageUp: '\x1b[5~' } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the frame a key produces, then for React's effects (Ink re-subscribes
 * the input handlers after each render: a key typed before that would be lost).
 */
async function settle(frame: () => string | undefined, before: string | undefined): Promise<void> {
  for (let waited = 0; waited < 400 && frame() === before; waited += 10) await sleep(10);
  await sleep(50);
}

export interface Ui {
  frame(): string;
  press(...keys: string[]): Promise<string>;
  /**
   * The frame once it matches `pattern`, or after `ms`: for work the screen shows in
   * steps (a search that reads the log a slice at a time), whose end comes after the
   * first frame a key produces, later on a slow machine.
   */
  until(pattern: RegExp, ms?: number): Promise<string>;
  unmount(): void;
}

export async function renderApp(store: { dbPath: string; db: Store }, size = { columns: 80, rows: 24 }, searchPace?: SearchPace): Promise<Ui> {
  const r = render(
    <TuiContext.Provider value={{ db: store.db, dbPath: store.dbPath, color: false, ...(searchPace !== undefined && { searchPace }) }}>
      <App size={size} />
    </TuiContext.Provider>,
  );
  await settle(r.lastFrame, undefined);
  const frame = () => r.lastFrame() ?? '';
  return {
    frame,
    press: async (...keys: string[]) => {
      for (const k of keys) {
        const before = r.lastFrame();
        r.stdin.write(k);
        await settle(r.lastFrame, before);
      }
      return frame();
    },
    until: async (pattern, ms = 10_000) => {
      for (let waited = 0; waited < ms && !pattern.test(frame()); waited += 10) await sleep(10);
      // As after a key: React's effects re-subscribe the input handlers after the render.
      await sleep(50);
      return frame();
    },
    unmount: () => r.unmount(),
  };
}
