/** `C`: connections opened, refused and failing authentication, per bucket and by application, user and client. */
import { Box } from 'ink';
import { useMemo } from 'react';
import { loadConnections } from '../data/connections-data.js';
import { Tone } from '../components/tone.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

interface Line {
  text: string;
  alarm: boolean;
}

const ms = (v: number | null) => (v === null ? '-' : v >= 60000 ? `${(v / 60000).toFixed(1)} min` : `${(v / 1000).toFixed(1)} s`);

export function ConnectionsScreen({ width, height, active, memo, window }: ScreenProps) {
  const { db } = useTui();
  const data = useMemo(() => loadConnections(db, window), [db, window]);
  const lines = useMemo(() => {
    const out: Line[] = [];
    const s = data.sessions;
    out.push({ text: s === null ? 'session lengths: no sessions table in this store' : `session lengths: ${s.sessions} sessions, median ${ms(s.median_ms)}, p95 ${ms(s.p95_ms)}, max ${ms(s.max_ms)}`, alarm: false });
    out.push({ text: '', alarm: false });
    out.push({ text: 'by               opened  refused  auth failed', alarm: false });
    for (const g of data.groups) out.push({ text: `${`${g.by} ${g.name}`.slice(0, 16).padEnd(16)} ${String(g.opened).padStart(6)}  ${String(g.refused).padStart(7)}  ${String(g.auth).padStart(11)}`, alarm: g.refused + g.auth > 0 });
    out.push({ text: '', alarm: false });
    out.push({ text: 'bucket     opened  refused  auth failed', alarm: false });
    for (const b of data.buckets) out.push({ text: `${b.start.slice(11, 19)}  ${String(b.opened).padStart(7)}  ${String(b.refused).padStart(7)}  ${String(b.auth).padStart(11)}`, alarm: b.refused + b.auth > 0 });
    return out;
  }, [data]);
  const cursor = useListCursor(memo, Math.max(1, lines.length - height + 1), height, active);
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(cursor.index, cursor.index + height).map((l, i) => (
        <Tone key={cursor.index + i} tone={l.alarm ? 'error' : undefined}>
          {fit(l.text === '' ? ' ' : l.text, width)}
        </Tone>
      ))}
    </Box>
  );
}
