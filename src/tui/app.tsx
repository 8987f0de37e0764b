/**
 * The whole UI: a header line, the screen on top of the stack, and the key hint
 * line. Global keys (q, ?, i L D B Q C, x) are handled here unless a prompt has
 * the keyboard.
 */
import { Box, useApp, useInput } from 'ink';
import { useState } from 'react';
import type { TimeWindow } from '../util/time-arg.js';
import { Header } from './components/header.js';
import { HelpScreen } from './components/help-screen.js';
import { KeyHint } from './components/key-hint.js';
import { useTerminalSize, type Size } from './hooks/use-terminal-size.js';
import { KEY_HINTS } from './key-help.js';
import { entry, type Navigator, type Screen, type StackEntry } from './navigation.js';
import { BlockersScreen } from './screens/blockers-screen.js';
import { ConnectionsScreen } from './screens/connections-screen.js';
import { DeadlocksScreen } from './screens/deadlocks-screen.js';
import { DetailScreen } from './screens/detail-screen.js';
import { EventsScreen } from './screens/events-screen.js';
import { HomeScreen } from './screens/home-screen.js';
import { QueriesScreen } from './screens/queries-screen.js';
import type { ScreenProps } from './screens/screen-props.js';

const TITLES: Record<Screen['name'], string> = {
  home: 'histogram', events: 'events', detail: 'event detail', deadlocks: 'deadlocks', blockers: 'blockers', queries: 'top queries', connections: 'connections',
};

const JUMPS: Record<string, Screen> = {
  i: { name: 'home' }, L: { name: 'events' }, D: { name: 'deadlocks' }, B: { name: 'blockers' }, Q: { name: 'queries' }, C: { name: 'connections' },
};

function ScreenView({ screen, props }: { screen: Screen; props: ScreenProps }) {
  switch (screen.name) {
    case 'home': return <HomeScreen {...props} />;
    case 'events': return <EventsScreen {...props} {...(screen.filter !== undefined && { initialFilter: screen.filter })} {...(screen.at !== undefined && { at: screen.at })} {...(screen.title !== undefined && { title: screen.title })} />;
    case 'detail': return <DetailScreen {...props} id={screen.id} />;
    case 'deadlocks': return <DeadlocksScreen {...props} {...(screen.id !== undefined && { id: screen.id })} />;
    case 'blockers': return <BlockersScreen {...props} />;
    case 'queries': return <QueriesScreen {...props} />;
    case 'connections': return <ConnectionsScreen {...props} />;
  }
}

export function App({ size: fixed, initialWindow }: { size?: Size; initialWindow?: TimeWindow }) {
  const { exit } = useApp();
  const size = useTerminalSize(fixed);
  const [stack, setStack] = useState<StackEntry[]>([entry({ name: 'home' })]);
  const [window, setWindowState] = useState<TimeWindow>(initialWindow ?? {});
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<{ text: string; fresh: boolean } | null>(null);
  const [captured, setCaptured] = useState(false);
  const top = stack[stack.length - 1]!;
  const say = (text: string) => setMessage({ text, fresh: true });

  const nav: Navigator = {
    push: (screen) => setStack((s) => [...s, entry(screen)]),
    pop: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
  };
  // A new window changes what every screen shows: their remembered positions no longer apply.
  const setWindow = (w: TimeWindow) => {
    setWindowState(w);
    setStack((s) => s.map((e) => (e === s[s.length - 1] ? e : { ...e, memo: {} })));
  };

  useInput(
    (input, key) => {
      // Screens handle the same key first: a message they just set stays until the next key.
      setMessage((m) => (m !== null && m.fresh ? { ...m, fresh: false } : null));
      if (help) return setHelp(false);
      if (input === '?') return setHelp(true);
      if (input === 'q' || (key.escape && stack.length > 1)) {
        if (stack.length > 1) nav.pop();
        else if (input === 'q') exit();
        return undefined;
      }
      if (input === 'x' && (window.from !== undefined || window.to !== undefined)) {
        setWindow({});
        return say('window cleared: the whole log');
      }
      const jump = JUMPS[input];
      if (jump !== undefined && jump.name !== top.screen.name) {
        if (jump.name === 'home') setStack((s) => s.slice(0, 1));
        else nav.push(jump);
      }
      return undefined;
    },
    { isActive: !captured },
  );

  const height = Math.max(3, size.rows - 2);
  const props: ScreenProps = {
    width: size.columns, height, active: !help && !captured, memo: top.memo, nav, window,
    setWindow, say, setCaptured,
  };
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Header title={help ? 'help (any key closes)' : TITLES[top.screen.name]} window={window} width={size.columns} />
      <Box flexDirection="column" height={height}>
        {help ? <HelpScreen width={size.columns} height={height} /> : <ScreenView key={stack.length} screen={top.screen} props={props} />}
      </Box>
      <KeyHint text={message?.text ?? KEY_HINTS[top.screen.name]} width={size.columns} />
    </Box>
  );
}
