/** `Q`: normalised statements of the window with their durations and errors, sortable; Enter lists their events. The p95 is approximate (≈, within 4.5 %). */
import { Box, Text, useInput } from 'ink';
import { useMemo } from 'react';
import { loadTopQueries, sortQueries, type QuerySort } from '../data/top-queries-data.js';
import { Row } from '../components/row.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

const SORT_KEYS: Record<string, QuerySort> = { t: 'total_ms', c: 'count', m: 'mean_ms', p: 'p95_ms', x: 'max_ms', r: 'errors' };
const ms = (v: number | null) => (v === null ? '-' : v >= 10000 ? `${Math.round(v / 1000)}s` : v >= 1000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}ms`);

export function QueriesScreen({ width, height, active, memo, nav, window }: ScreenProps) {
  const { db } = useTui();
  const all = useMemo(() => loadTopQueries(db, window), [db, window]);
  const [sort, setSort] = useRemembered<QuerySort>(memo, 'sort', 'total_ms');
  const rows = useMemo(() => (all === null ? [] : sortQueries(all, sort)), [all, sort]);
  const page = Math.max(1, height - 2);
  const cursor = useListCursor(memo, rows.length, page, active);
  useInput(
    (input, key) => {
      const by = SORT_KEYS[input];
      if (by !== undefined) setSort(by);
      const q = rows[cursor.index];
      if (key.return && q !== undefined) nav.push({ name: 'events', filter: { fingerprint: q.fingerprint }, title: fit(q.normalized, 40) });
    },
    { isActive: active },
  );
  if (all === null) return <Text>This store has no statements table (ingested by an older pgautopsy): re-ingest to see top queries.</Text>;
  if (rows.length === 0) return <Text>No statements logged in this window (log_min_duration_statement or log_statement would show them).</Text>;
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">{fit(`sorted by ${sort === 'p95_ms' ? '≈p95_ms' : sort} · ${rows.length} statement shapes`, width)}</Text>
      <Text bold wrap="truncate">{fit('  count   total    mean    ≈p95     max  errs  statement', width)}</Text>
      {rows.slice(cursor.top, cursor.top + page).map((q, i) => (
        <Row key={q.fingerprint} selected={cursor.top + i === cursor.index} width={width}>
          {fit(`${String(q.count).padStart(6)} ${ms(q.total_ms).padStart(7)} ${ms(q.mean_ms).padStart(7)} ${ms(q.p95_ms).padStart(7)} ${ms(q.max_ms).padStart(7)} ${String(q.errors).padStart(5)}  ${q.normalized}`, width - 1)}
        </Row>
      ))}
    </Box>
  );
}
