/**
 * Full-screen session: the alternate screen buffer while the UI runs, and the
 * terminal given back as it was on `q`, Ctrl-C (Ink unmounts and leaves raw
 * mode) or an error.
 */
import { render } from 'ink';
import type { Store } from '../store/open-store.js';
import type { TimeWindow } from '../util/time-arg.js';
import { App } from './app.js';
import { TuiContext, colorAllowed } from './tui-context.js';

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export interface TuiIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export async function runTui(db: Store, dbPath: string, io: TuiIO, window: TimeWindow = {}): Promise<void> {
  const restore = () => io.stdout.write(LEAVE_ALT_SCREEN);
  io.stdout.write(ENTER_ALT_SCREEN);
  process.once('exit', restore);
  try {
    const instance = render(
      <TuiContext.Provider value={{ db, dbPath, color: colorAllowed(io.env) }}>
        <App initialWindow={window} />
      </TuiContext.Provider>,
      { stdin: io.stdin, stdout: io.stdout, exitOnCtrlC: true, patchConsole: false },
    );
    await instance.waitUntilExit();
  } finally {
    process.off('exit', restore);
    restore();
  }
}
