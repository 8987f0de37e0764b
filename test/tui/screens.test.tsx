/** Every screen rendered with ink-testing-library on a store built from samples/run-main, at 80×24 without colour. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.js';
import type { SearchPace } from '../../src/tui/data/event-search.js';
import { KEYS, renderApp, sampleStore, withoutTextIndex, type Ui } from './tui-harness.js';

let store: { dbPath: string; db: Store };
/** For the searches that scan in steps. */
let plain: { dbPath: string; db: Store };
let ui: Ui;

before(async () => {
  store = await sampleStore();
  plain = withoutTextIndex(store);
});
after(() => {
  store.db.close();
  plain.db.close();
});

async function fresh(searchPace?: SearchPace, on = store): Promise<Ui> {
  ui?.unmount();
  ui = await renderApp(on, undefined, searchPace);
  return ui;
}

function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.ok(lines.length <= 24, `${lines.length} lines`);
  for (const l of lines) assert.ok([...l].length <= 80, `too wide: ${l}`);
  assert.doesNotMatch(frame, /\x1b\[/, 'no escape codes without colour');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('home: histogram', () => {
  it('shows buckets with severity bars, markers and the key hint, in 80×24', async () => {
    const f = (await fresh()).frame();
    assertFits(f);
    assert.match(f, /pgautopsy · histogram · whole log/);
    assert.match(f, /1s buckets · █fatal ▓error ▒warn ░log · D deadlock L lock wait R refused S slow$/m);
    assert.match(f, /17:01:10 │▓░+ *│ +10 D1/);
    assert.match(f, /17:01:20 │ +│ +0/, 'empty buckets are shown');
    assert.match(f.split('\n').at(-1)!, /z\/Z zoom .* q quit/);
  });

  it('zooms out and in around the cursor', async () => {
    await fresh();
    assert.match(await ui.press('Z'), /2s buckets/);
    assert.match(await ui.press('Z'), /5s buckets/);
    assert.match(await ui.press('z'), /2s buckets/);
    assert.match(await ui.press('z', 'z'), /already at the finest zoom/);
  });

  it('jumps to the next and previous spike', async () => {
    await fresh();
    assert.match(selectedLine(await ui.press('s')), /^›.*17:01:10 .*D1/);
    assert.match(selectedLine(await ui.press('s')), /17:01:12 /);
    assert.match(selectedLine(await ui.press('S')), /17:01:10 /);
  });

  it('selects a window with v … Enter that the other screens then show', async () => {
    await fresh();
    await ui.press('s', 'v', 'j', 'j');
    const f = await ui.press(KEYS.enter);
    assert.match(f, /histogram · 2026-11-26 17:01:10\.000 → 2026-11-26 17:01:12\.999/);
    const d = await ui.press('D');
    assert.match(d, /2 deadlocks/, 'deadlocks of 17:01:10 and 17:01:12 only');
    await ui.press('q');
    assert.match(await ui.press('x'), /histogram · whole log/);
  });

  it('opens the events of the bucket under the cursor', async () => {
    await fresh();
    const f = await ui.press('s', KEYS.enter);
    assert.match(f, /pgautopsy · events/);
    assert.match(selectedLine(f), /^›17:01:10\./);
  });
});

describe('events', () => {
  it('lists one line per event and pages with keyset pagination', async () => {
    await fresh();
    const first = await ui.press('L');
    assertFits(first);
    assert.match(selectedLine(first), /^›17:01:08\.\d{3} LOG/);
    const down = await ui.press('j', 'j');
    assert.equal(down.split('\n').filter((l) => l.startsWith('›')).length, 1);
    const page = await ui.press(KEYS.pageDown);
    assert.notEqual(page.split('\n')[2], first.split('\n')[2], 'the next page');
    const back = await ui.press(KEYS.pageUp, 'g');
    assert.equal(selectedLine(back), selectedLine(first));
    const end = await ui.press('G');
    assert.match(selectedLine(end), /^›17:01:3\d/, 'the last event');
  });

  it('e/E jump between errors, o/O between events of one backend', async () => {
    await fresh();
    await ui.press('L');
    const err = selectedLine(await ui.press('e'));
    assert.match(err, /ERROR/);
    const pid = /\s(\d{5})\s/.exec(err)![1]!;
    assert.match(selectedLine(await ui.press('o')), new RegExp(` ${pid} `));
    assert.match(selectedLine(await ui.press('O')), /ERROR/);
    assert.match(selectedLine(await ui.press('e')), /ERROR/);
    assert.notEqual(selectedLine(ui.frame()), err);
    assert.equal(selectedLine(await ui.press('E')), err);
  });

  it('filters with f (field:value and text) and searches with / n N', async () => {
    await fresh();
    await ui.press('L', 'f');
    const filtered = await ui.press(...'severity:error deadlock'.split(''), KEYS.enter);
    assert.match(filtered, /filter severity:ERROR "deadlock"/);
    const rows = filtered.split('\n').slice(2, -1).filter((l) => /^.\d\d:/.test(l));
    assert.ok(rows.length >= 5, 'the deadlock victims');
    for (const r of rows) assert.match(r, /ERROR deadlock/);
    assert.match(await ui.press('f', ...' bogus:1'.split(''), KEYS.enter), /'bogus:' is not a filter/);
    await fresh();
    await ui.press('L', '/');
    await ui.press(...'administrator'.split(''), KEYS.enter);
    // The search is over when the key hints are back: a key typed before is the search's.
    const found = await ui.until(/›.*FATAL admin_termi[\s\S]*\nj\/k g\/G/);
    assert.match(found, /\/administrator/);
    assert.match(selectedLine(found), /FATAL admin_termi.* 26934 .*terminating connect/);
    await ui.press('n');
    assert.match(await ui.until(/no next match/), /no next match for "administrator"/);
  });

  it('searches in steps, showing how far it has read, then says there is no match', async () => {
    await fresh({ step: 5, pauseMs: 20 }, plain);
    await ui.press('L', '/', ...'zz-nothing'.split(''));
    const searching = await ui.press(KEYS.enter);
    assert.match(searching, /searching "zz-nothing"… \d+ % of the log/);
    assert.match(searching, /pgautopsy · events/);
    const percents: number[] = [];
    for (let waited = 0; waited < 5000 && !/no match/.test(ui.frame()); waited += 10) {
      const m = /… (\d+) %/.exec(ui.frame());
      if (m !== null) percents.push(Number(m[1]));
      await sleep(10);
    }
    assert.match(ui.frame(), /no match for "zz-nothing" after this line/);
    assert.ok(new Set(percents).size > 1, `progress moves: ${[...new Set(percents)].join(' ')}`);
    assert.doesNotMatch(ui.frame(), /searching/);
  });

  it('with the full-text index, a search that cannot match says so at once', async () => {
    await fresh({ step: 1, pauseMs: 30 });
    await ui.press('L', '/', ...'zz-nothing'.split(''));
    const answered = await ui.press(KEYS.enter);
    assert.match(answered, /no match for "zz-nothing" after this line/);
    assert.doesNotMatch(answered, /searching/);
  });

  for (const [name, key] of [['Esc', KEYS.escape], ['q', 'q']] as const) {
    it(`${name} cancels a running search and stays on the events`, async () => {
      await fresh({ step: 1, pauseMs: 30 }, plain);
      await ui.press('L', '/', ...'zz-nothing'.split(''));
      assert.match(await ui.press(KEYS.enter), /searching "zz-nothing"/);
      const cancelled = await ui.press(key);
      assert.match(cancelled, /search for "zz-nothing" cancelled/);
      assert.match(cancelled, /pgautopsy · events/);
      await sleep(300);
      assert.doesNotMatch(ui.frame(), /searching|no match/);
      assert.match(await ui.press('j'), /pgautopsy · events/, 'keys work again');
    });
  }

  it('q and D are typed into the prompt, not obeyed', async () => {
    await fresh();
    await ui.press('L', '/');
    const f = await ui.press('q', 'D');
    assert.match(f, /search: qD/);
    assert.match(await ui.press(KEYS.escape), /pgautopsy · events/);
  });
});

describe('event detail', () => {
  it('shows message, DETAIL, STATEMENT, evidence and links', async () => {
    await fresh();
    await ui.press('L', 'e');
    const f = await ui.press(KEYS.enter);
    assertFits(f);
    assert.match(f, /pgautopsy · event detail/);
    assert.match(f, /message +deadlock detected/);
    assert.match(f, /DETAIL +Process \d+ waits for ShareLock on transaction/);
    assert.match(f, /evidence +samples\/run-main\/01-deadlock-2proc\.log:\d+/);
    assert.match(f, /d deadlock #1/);
    assert.match(await ui.press('d'), /cycle of #1/, 'd opens its deadlock');
    assert.match(await ui.press('q', 'p'), /backend \d+/, 'p lists its backend');
  });
});

describe('deadlocks', () => {
  it("shows the sample's participants, their queries and the victim", async () => {
    await fresh();
    const f = await ui.press('D');
    assertFits(f);
    assert.match(f, /21 deadlocks/);
    assert.match(f, /›#1 2026-11-26 17:01:10\.786 +2 processes on accounts in shop +victim pid 26272/);
    assert.match(f, /┌▶ pid 26272 \(delayed_job, app\) +VICTIM, rolled back/);
    assert.match(f, /waits ShareLock on transaction 764, held by pid 26257/);
    assert.match(f, /UPDATE accounts SET balance = balance \+ 5 WHERE id = 1;/);
    assert.match(f, /├▶ pid 26257 \(puma, app\)/);
    assert.match(f, /UPDATE accounts SET balance = balance \+ 10 WHERE id = 2;/);
    // What each transaction ran before the statement that deadlocked.
    assert.match(f, /│ +earlier in its transaction \(after its session started at 17:01:09\.176\):/);
    assert.match(f, /│ +17:01:10\.580 +duration: 1401\.558 ms +statement: SELECT pg_sleep\(1\.4\);/);
    assert.match(f, /└─ back to pid 26272/);
  });

  it('moves and opens the victim entry', async () => {
    await fresh();
    const f = await ui.press('D', 'j');
    assert.match(f, /›#2 /);
    assert.match(f, /cycle of #2/);
    const d = await ui.press(KEYS.enter);
    assert.match(d, /message +deadlock detected/);
    assert.match(d, /pid 26348/);
    assert.match(await ui.press('q'), /›#2 /, 'back where it was');
    assert.match(await ui.press('q'), /pgautopsy · histogram/);
  });
});

describe('blockers', () => {
  it('shows the root blockers first, with the sessions queued behind them', async () => {
    await fresh();
    const f = await ui.press('B');
    assertFits(f);
    assert.match(f, /^\d+ blocking trees, most waiting caused first$/m, 'all listed: no more than the screen lists');
    assert.match(f, /›▾ ROOT pid 26935 \(delayed_job, app@shop\): held up 3 sessions/);
    assert.match(f, /└─ pid 26957 rails_migration waits AccessExclusiveLock/);
    assert.match(f, /├─ pid 26984 puma waits AccessShareLock/);
    assert.match(f, /ROOT pid 26934 \(delayed_job, app@shop\)/);
    assert.match(f, /ended: terminated by an administrator/);
  });

  it('folds a tree with Space and opens evidence with Enter', async () => {
    await fresh();
    await ui.press('B');
    const folded = await ui.press(' ');
    assert.match(folded, /›▸ ROOT pid 26935/);
    assert.doesNotMatch(folded, /pid 26957 rails_migration/);
    assert.match(await ui.press(' '), /pid 26957 rails_migration/);
    const d = await ui.press('G', KEYS.enter);
    assert.match(d, /pgautopsy · event detail/);
    assert.match(d, /still waiting for|acquired/);
  });
});

describe('top queries and connections', () => {
  it('top queries: a table from statements, or says why there is none', async () => {
    await fresh();
    const f = await ui.press('Q');
    assertFits(f);
    assert.match(f, /pgautopsy · top queries/);
    assert.match(f, /count +total +mean +≈p95 +max +errs +statement|no statements table|No statements logged/);
  });

  it('connections: session lengths and opened/refused/auth failures by group and bucket', async () => {
    await fresh();
    const f = await ui.press('C');
    assertFits(f);
    assert.match(f, /session lengths: /);
    assert.match(f, /by +opened +refused +auth failed/);
    assert.match(f, /user app +26 +0 +0/);
    assert.match(f, /17:01:15 +5 +0 +0/);
  });
});

describe('keys everywhere', () => {
  it('? shows the help, any key closes it; q goes back', async () => {
    await fresh();
    const h = await ui.press('?');
    assertFits(h);
    assert.match(h, /help \(any key closes\)/);
    assert.match(h, /e E next\/previous error/);
    assert.match(await ui.press('j'), /pgautopsy · histogram/);
    await ui.press('D', 'B');
    assert.match(await ui.press('q'), /pgautopsy · deadlocks/);
    assert.match(await ui.press('i'), /pgautopsy · histogram/);
  });

  it('fits a wide terminal too', async () => {
    ui?.unmount();
    ui = await renderApp(store, { columns: 140, rows: 40 });
    const f = await ui.press('L');
    assert.ok(f.split('\n').length <= 40);
    assert.match(f, /app@shop/);
    ui.unmount();
  });
});
