/**
 * Home: the histogram. One row per bucket (empty ones too), zoomable; `v` …
 * `Enter` selects a window that every other screen then shows; `Enter` alone
 * opens the events of the bucket under the cursor.
 */
import { Box, Text, useInput } from 'ink';
import { useMemo } from 'react';
import { loadHistogram, spikeIndexes, type HistogramBucket } from '../data/histogram-data.js';
import { loadIncidentWindows } from '../data/incident-windows.js';
import { MAX_BUCKETS, zoomIn, zoomOut } from '../data/zoom-levels.js';
import { bucketLabel } from '../../analyze/timeline/bucket-size.js';
import { HistogramRow } from '../components/histogram-row.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { moveIndex, scrollTop } from '../list-keys.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

function timeLabel(iso: string, multiDay: boolean): string {
  return multiDay ? `${iso.slice(5, 10)} ${iso.slice(11, 19)}` : iso.slice(11, 19);
}

/** The bucket holding `iso` after a zoom, so the cursor stays on the same moment. */
function indexAt(buckets: readonly HistogramBucket[], iso: string): number {
  const i = buckets.findIndex((b) => b.end > iso);
  return i < 0 ? Math.max(0, buckets.length - 1) : i;
}

export function HomeScreen({ width, height, active, memo, nav, window, setWindow, say }: ScreenProps) {
  const { db, dbPath } = useTui();
  const [size, setSize] = useRemembered<number | undefined>(memo, 'size', undefined);
  const [index, setIndex] = useRemembered(memo, 'index', 0);
  const [top, setTop] = useRemembered(memo, 'top', 0);
  const [anchor, setAnchor] = useRemembered<number | null>(memo, 'anchor', null);
  const histogram = useMemo(() => loadHistogram(db, window, size), [db, window, size]);
  const incidents = useMemo(() => loadIncidentWindows(db, dbPath), [db, dbPath]);
  const { frame, buckets } = histogram;
  const spikes = useMemo(() => spikeIndexes(buckets), [buckets]);
  const page = Math.max(1, height - 1);
  const cur = Math.min(index, Math.max(0, buckets.length - 1));
  const go = (i: number) => {
    setIndex(i);
    setTop(scrollTop(top, i, page));
  };

  useInput(
    (input, key) => {
      if (frame === null) return;
      const moved = moveIndex(input, key, cur, buckets.length, page);
      if (moved !== null) return go(moved);
      const here = buckets[cur]?.start ?? frame.from;
      if (input === 'z' || input === 'Z') {
        const next = input === 'z' ? zoomIn(frame.size) : zoomOut(frame.size);
        const count = (Date.parse(frame.to) - Date.parse(frame.from)) / 1000 / next;
        if (next === frame.size || count > MAX_BUCKETS) return say(input === 'z' ? 'already at the finest zoom' : 'already at the widest zoom');
        setSize(next);
        setAnchor(null);
        const after = loadHistogram(db, window, next).buckets;
        const i = indexAt(after, here);
        setIndex(i);
        setTop(Math.max(0, i - Math.floor(page / 2)));
        return undefined;
      }
      if (input === 's' || input === 'S') {
        const target = input === 's' ? spikes.find((i) => i > cur) : [...spikes].reverse().find((i) => i < cur);
        return target === undefined ? say(`no ${input === 's' ? 'later' : 'earlier'} spike`) : go(target);
      }
      if (input === 'v') {
        setAnchor(anchor === null ? cur : null);
        return say(anchor === null ? 'selecting: move, then Enter to keep this window (Esc cancels)' : 'selection cancelled');
      }
      if (key.escape && anchor !== null) return setAnchor(null);
      if (key.return && anchor !== null) {
        const lo = buckets[Math.min(anchor, cur)]!;
        const hi = buckets[Math.max(anchor, cur)]!;
        setAnchor(null);
        setIndex(0);
        setTop(0);
        setSize(undefined);
        setWindow({ from: lo.start, to: new Date(Date.parse(hi.end) - 1).toISOString() });
        return say('window selected: every screen now shows it (x clears)');
      }
      if (key.return) {
        const b = buckets[cur];
        if (b !== undefined) nav.push({ name: 'events', at: b.start });
      }
      return undefined;
    },
    { isActive: active },
  );

  if (frame === null) {
    return <Text>No timed entries in the store{window.from !== undefined ? ' for this window' : ''}.</Text>;
  }
  const multiDay = frame.from.slice(0, 10) !== frame.to.slice(0, 10);
  const labelWidth = multiDay ? 14 : 8;
  const barWidth = Math.max(10, width - labelWidth - 2 - 2 - 1 - 7 - 1 - 16);
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const shownTop = scrollTop(Math.min(top, cur), cur, page);
  const inIncident = (b: HistogramBucket) => incidents.some((w) => w.start < b.end && w.end >= b.start);
  const lo = anchor === null ? -1 : Math.min(anchor, cur);
  const hi = anchor === null ? -1 : Math.max(anchor, cur);
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">
        {fit(`${bucketLabel(frame.size)} buckets · █fatal ▓error ▒warn ░log · D deadlock L lock wait R refused S slow`, width)}
      </Text>
      {buckets.slice(shownTop, shownTop + page).map((b, i) => {
        const at = shownTop + i;
        const gutter = at >= lo && at <= hi ? '▌' : inIncident(b) ? '!' : ' ';
        return (
          <HistogramRow key={b.start} bucket={b} label={timeLabel(b.start, multiDay)} max={max} barWidth={barWidth} selected={at === cur} gutter={gutter} />
        );
      })}
    </Box>
  );
}
