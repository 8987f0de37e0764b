/**
 * The real `pgautopsy tui`, built, in an 80×24 tmux pane: open deadlocks, move,
 * open the detail, quit; and Ctrl-C. The pane must show each screen, the process
 * must exit 0, and the terminal must be back to the shell's screen.
 * `CI=true` in the pane, as on CI machines: Ink must still draw every frame.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runIngest, tempDir } from '../helpers/run-ingest.js';
import { SAMPLES } from './samples.js';

const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: () => boolean, label: string, screen: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (what()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${label}; the pane shows:\n${screen()}`);
}

describe('pgautopsy tui in tmux', { skip: hasTmux ? false : 'tmux is not installed' }, () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = tempDir();
    db = join(dir, 'store.db');
    (await runIngest(SAMPLES, { dbPath: db })).db.close();
  });

  function start(name: string): { pane: () => string; exitFile: string } {
    const exitFile = join(dir, `${name}.exit`);
    tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', `CI=true NO_COLOR=1 node ${CLI} tui --db ${db}; echo $? > ${exitFile}; sleep 30`);
    return { pane: () => tmux('capture-pane', '-p', '-t', name), exitFile };
  }

  const sessions: string[] = [];
  after(() => {
    for (const s of sessions) {
      try {
        tmux('kill-session', '-t', s);
      } catch {
        // already gone
      }
    }
  });

  it('opens deadlocks, moves, opens the detail and quits cleanly', async () => {
    const name = `pgautopsy-e2e-${process.pid}`;
    sessions.push(name);
    const { pane, exitFile } = start(name);
    await waitFor(() => pane().includes('pgautopsy · histogram'), 'the home screen', pane);
    assert.match(pane(), /1s buckets/);
    assert.match(pane(), /q quit/);
    tmux('send-keys', '-t', name, 'D');
    await waitFor(() => pane().includes('pgautopsy · deadlocks'), 'the deadlocks screen', pane);
    assert.match(pane(), /┌▶ pid 26272 \(delayed_job, app\) +VICTIM/);
    tmux('send-keys', '-t', name, 'j');
    await waitFor(() => pane().includes('›#2 '), 'the second deadlock selected', pane);
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor(() => pane().includes('event detail'), 'the detail screen', pane);
    assert.match(pane(), /message +deadlock detected/);
    assert.match(pane(), /pid 26348/);
    for (const screen of ['deadlocks', 'histogram']) {
      tmux('send-keys', '-t', name, 'q');
      await waitFor(() => pane().includes(`pgautopsy · ${screen}`), screen, pane);
    }
    tmux('send-keys', '-t', name, 'q');
    await waitFor(() => existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '', 'the process to exit', pane);
    assert.equal(readFileSync(exitFile, 'utf8').trim(), '0');
    assert.doesNotMatch(pane(), /pgautopsy ·/, 'the alternate screen is left: the shell screen is back');
  });

  it('restores the terminal on Ctrl-C', async () => {
    const name = `pgautopsy-e2e-c-${process.pid}`;
    sessions.push(name);
    const { pane, exitFile } = start(name);
    await waitFor(() => pane().includes('pgautopsy · histogram'), 'the home screen', pane);
    tmux('send-keys', '-t', name, 'L');
    await waitFor(() => pane().includes('pgautopsy · events'), 'the events screen', pane);
    tmux('send-keys', '-t', name, 'C-c');
    await waitFor(() => existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '', 'the process to exit', pane);
    assert.equal(readFileSync(exitFile, 'utf8').trim(), '0');
    assert.doesNotMatch(pane(), /pgautopsy ·/);
    // Raw mode is off again: the shell echoes what is typed.
    tmux('send-keys', '-t', name, 'echo typed-back');
    await waitFor(() => pane().includes('typed-back'), 'the terminal to echo', pane);
  });
});
