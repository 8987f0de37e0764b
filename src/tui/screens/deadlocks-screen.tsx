/** `D`: the deadlocks of the window, and the cycle of the selected one; Enter opens the victim's entry. */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo } from 'react';
import { loadDeadlocks } from '../../commands/deadlocks.js';
import { shortTime } from '../../util/time-arg.js';
import { deadlockEntryId } from '../data/event-detail-data.js';
import { DeadlockCycle } from '../components/deadlock-cycle.js';
import { Row } from '../components/row.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

export function DeadlocksScreen({ width, height, active, memo, nav, window, id }: ScreenProps & { id?: number }) {
  const { db, dbPath } = useTui();
  const deadlocks = useMemo(() => loadDeadlocks(dbPath, window), [dbPath, window]);
  const listHeight = Math.max(1, Math.min(deadlocks.length, Math.floor((height - 2) / 3)));
  const cursor = useListCursor(memo, deadlocks.length, listHeight, active);
  useEffect(() => {
    // Opened from an entry's detail: select that entry's deadlock.
    if (id === undefined || memo.placed === true) return;
    memo.placed = true;
    const at = deadlocks.findIndex((d) => d.id === id);
    if (at >= 0) cursor.setIndex(at);
  }, [id]);
  useInput(
    (_input, key) => {
      const d = deadlocks[cursor.index];
      if (!key.return || d === undefined) return;
      const entry = deadlockEntryId(db, d.id);
      if (entry !== null) nav.push({ name: 'detail', id: entry });
    },
    { isActive: active },
  );

  if (deadlocks.length === 0) return <Text>No deadlocks in this window.</Text>;
  const selected = deadlocks[cursor.index]!;
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">{fit(`${deadlocks.length} deadlock${deadlocks.length === 1 ? '' : 's'}`, width)}</Text>
      {deadlocks.slice(cursor.top, cursor.top + listHeight).map((d, i) => (
        <Row key={d.id} selected={cursor.top + i === cursor.index} width={width}>
          {fit(`#${d.id} ${shortTime(d.ts)}  ${d.processes} processes${d.relation ? ` on ${d.relation}` : ''}${d.database_name ? ` in ${d.database_name}` : ''}  victim pid ${d.victim_pid ?? '?'}`, width - 1)}
        </Row>
      ))}
      <Text dimColor wrap="truncate">{fit(`── cycle of #${selected.id} · ${selected.evidence.file}:${selected.evidence.line} ${'─'.repeat(width)}`, width)}</Text>
      <DeadlockCycle deadlock={selected} width={width} height={height - listHeight - 2} />
    </Box>
  );
}
