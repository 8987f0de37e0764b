/**
 * Events, one line each, a page at a time with keyset pagination: the screen
 * holds the first visible row's (ts, id) and the selected line, never a list.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeFilter, parseFilter, type EventFilter } from '../data/event-filter.js';
import { eventAtTime, eventsAfter, eventsBefore, eventsFrom, type Cursor, type EventRow, type EventScope, type Seek } from '../data/event-query.js';
import { planSearch, runSearch } from '../data/event-search.js';
import { EventLine } from '../components/event-line.js';
import { Prompt } from '../components/prompt.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

const cursorOf = (e: EventRow): Cursor => ({ ts: e.ts, id: e.id });

export interface EventsScreenProps extends ScreenProps {
  initialFilter?: EventFilter;
  at?: string;
  title?: string;
}

export function EventsScreen({ width, height, active, memo, nav, window, say, setCaptured, initialFilter, at, title }: EventsScreenProps) {
  const { db, searchPace } = useTui();
  const [filter, setFilter] = useRemembered<EventFilter>(memo, 'filter', initialFilter ?? {});
  const [search, setSearch] = useRemembered<string | null>(memo, 'search', null);
  const [prompt, setPrompt] = useState<'filter' | 'search' | null>(null);
  /** The search in progress: its text and how much of the log it has read. */
  const [scan, setScan] = useState<{ text: string; percent: number } | null>(null);
  const cancelScan = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelScan.current?.(), []);
  const scope: EventScope = useMemo(() => ({ db, filter, window }), [db, filter, window]);
  const [top, setTop] = useRemembered<Cursor | null>(memo, 'top', () => {
    if (at === undefined) return null;
    const first = eventAtTime({ db, filter: initialFilter ?? {}, window }, at);
    return first === undefined ? null : cursorOf(first);
  });
  const [sel, setSel] = useRemembered(memo, 'sel', 0);
  const page = Math.max(1, height - 1);
  const rows = useMemo(() => eventsFrom(scope, top, page), [scope, top, page]);
  const cur = Math.min(sel, Math.max(0, rows.length - 1));
  const selected = rows[cur];

  /** Show `target` with some of what came before it above. */
  const reveal = (target: EventRow) => {
    const before = eventsBefore(scope, cursorOf(target), Math.floor(page / 2));
    setTop(cursorOf(before[0] ?? target));
    setSel(before.length);
  };
  const jump = (seek: Seek, forward: boolean, what: string) => {
    if (selected === undefined) return;
    const found = forward ? eventsAfter(scope, cursorOf(selected), 1, seek)[0] : eventsBefore(scope, cursorOf(selected), 1, seek)[0];
    if (found === undefined) say(`no ${forward ? 'next' : 'previous'} ${what}`);
    else reveal(found);
  };

  const endScan = () => {
    cancelScan.current?.();
    cancelScan.current = null;
    setScan(null);
    setCaptured(false);
  };
  /** Searches `text` from `from` (excluded; the start when null), a bounded step per turn of the event loop. */
  const startScan = (text: string, forward: boolean, from: Cursor | null, notFound: string) => {
    endScan();
    setScan({ text, percent: 0 });
    // The app's own keys wait until the search ends: Esc or q must cancel it, not leave the screen.
    setCaptured(true);
    cancelScan.current = runSearch(planSearch(scope, text, forward, from), {
      progress: (fraction) => setScan({ text, percent: Math.floor(fraction * 100) }),
      done: (found) => {
        endScan();
        if (found === undefined) say(notFound);
        else reveal(found);
      },
    }, searchPace);
  };

  useInput(
    (input, key) => {
      if (!(key.escape || input === 'q') || scan === null) return;
      endScan();
      say(`search for "${scan.text}" cancelled`);
    },
    { isActive: scan !== null },
  );

  useInput(
    (input, key) => {
      const last = rows[rows.length - 1];
      if (input === 'j' || key.downArrow) {
        if (cur < rows.length - 1) setSel(cur + 1);
        else if (last !== undefined && rows[1] !== undefined && eventsAfter(scope, cursorOf(last), 1).length > 0) setTop(cursorOf(rows[1]));
      } else if (input === 'k' || key.upArrow) {
        const prev = rows[0] === undefined ? undefined : eventsBefore(scope, cursorOf(rows[0]), 1)[0];
        if (cur > 0) setSel(cur - 1);
        else if (prev !== undefined) setTop(cursorOf(prev));
      } else if (key.pageDown) {
        const next = last === undefined ? undefined : eventsAfter(scope, cursorOf(last), 1)[0];
        if (next !== undefined && rows.length === page) setTop(cursorOf(next));
        else setSel(Math.max(0, rows.length - 1));
      } else if (key.pageUp) {
        const before = rows[0] === undefined ? [] : eventsBefore(scope, cursorOf(rows[0]), page);
        if (before[0] !== undefined) setTop(cursorOf(before[0]));
        else setSel(0);
      } else if (input === 'g' || key.home) {
        setTop(null);
        setSel(0);
      } else if (input === 'G' || key.end) {
        const tail = eventsBefore(scope, null, page);
        setTop(tail[0] === undefined ? null : cursorOf(tail[0]));
        setSel(Math.max(0, tail.length - 1));
      } else if (key.return && selected !== undefined) nav.push({ name: 'detail', id: selected.id });
      else if (input === 'e' || input === 'E') jump({ errors: true }, input === 'e', 'error');
      else if ((input === 'o' || input === 'O') && selected?.pid != null) jump({ pid: selected.pid }, input === 'o', `event of pid ${selected.pid}`);
      else if ((input === 'n' || input === 'N') && search !== null && selected !== undefined) {
        startScan(search, input === 'n', cursorOf(selected), `no ${input === 'n' ? 'next' : 'previous'} match for "${search}"`);
      }
      else if (input === 'f' || input === '/') {
        setPrompt(input === 'f' ? 'filter' : 'search');
        setCaptured(true);
      }
    },
    { isActive: active && prompt === null },
  );

  const closePrompt = () => {
    setPrompt(null);
    setCaptured(false);
  };
  const submit = (text: string) => {
    closePrompt();
    if (prompt === 'filter') {
      const parsed = parseFilter(text);
      if (!parsed.ok) return say(parsed.error);
      setFilter(parsed.filter);
      setTop(null);
      setSel(0);
      return undefined;
    }
    if (text.trim() === '') return setSearch(null);
    setSearch(text.trim());
    startScan(text.trim(), true, selected === undefined ? null : cursorOf(selected), `no match for "${text.trim()}" after this line`);
    return undefined;
  };

  const described = describeFilter(filter);
  const status =
    scan !== null
      ? `searching "${scan.text}"… ${scan.percent} % of the ${window.from !== undefined || window.to !== undefined ? 'window' : 'log'} (Esc or q cancels)`
      : `${title ?? 'events'}${described !== '' ? ` · filter ${described}` : ''}${search !== null ? ` · /${search}` : ''}`;
  return (
    <Box flexDirection="column" height={height}>
      {prompt !== null ? (
        <Prompt
          label={prompt === 'filter' ? 'filter (field:value … text): ' : 'search: '}
          initial={prompt === 'filter' ? described.replace(/"/g, '') : (search ?? '')}
          width={width}
          onSubmit={submit}
          onCancel={closePrompt}
        />
      ) : (
        <Text dimColor wrap="truncate">{fit(status, width)}</Text>
      )}
      {rows.length === 0 ? <Text>No events{described !== '' ? ' match this filter' : ''} in this window.</Text> : null}
      {rows.map((e, i) => (
        <EventLine key={e.id} event={e} selected={i === cur} width={width} />
      ))}
    </Box>
  );
}
