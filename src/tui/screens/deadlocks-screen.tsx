/**
 * `D`: the deadlocks of the window, and the cycle of the selected one; Enter opens
 * the victim's entry. Only the rows on screen are read (deadlock-list.ts).
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo } from 'react';
import { shortTime } from '../../util/time-arg.js';
import { countDeadlocks, deadlockPage, deadlockPosition, withTransactions } from '../../analyze/deadlocks/deadlock-list.js';
import { deadlockEntryId } from '../data/event-detail-data.js';
import { DeadlockCycle } from '../components/deadlock-cycle.js';
import { Row } from '../components/row.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

export function DeadlocksScreen({ width, height, active, memo, nav, window, id }: ScreenProps & { id?: number }) {
  const { db } = useTui();
  const count = useMemo(() => countDeadlocks(db, window), [db, window]);
  const listHeight = Math.max(1, Math.min(count, Math.floor((height - 2) / 3)));
  const cursor = useListCursor(memo, count, listHeight, active);
  const page = useMemo(() => deadlockPage(db, window, cursor.top, listHeight), [db, window, cursor.top, listHeight]);
  useEffect(() => {
    // Opened from an entry's detail: select that entry's deadlock.
    if (id === undefined || memo.placed === true) return;
    memo.placed = true;
    const at = deadlockPosition(db, window, id);
    if (at !== null) cursor.setIndex(at);
  }, [id]);
  useInput(
    (_input, key) => {
      const d = page[cursor.index - cursor.top];
      if (!key.return || d === undefined) return;
      const entry = deadlockEntryId(db, d.id);
      if (entry !== null) nav.push({ name: 'detail', id: entry });
    },
    { isActive: active },
  );

  const onPage = page[cursor.index - cursor.top];
  // Only the selected deadlock's transactions are read: a few queries per participant.
  const selected = useMemo(() => (onPage === undefined ? undefined : withTransactions(db, onPage)), [db, onPage]);
  if (count === 0 || selected === undefined) return <Text>No deadlocks in this window.</Text>;
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">{fit(`${count} deadlock${count === 1 ? '' : 's'}`, width)}</Text>
      {page.map((d, i) => (
        <Row key={d.id} selected={cursor.top + i === cursor.index} width={width}>
          {fit(`#${d.id} ${shortTime(d.ts)}  ${d.processes} processes${d.relation ? ` on ${d.relation}` : ''}${d.database_name ? ` in ${d.database_name}` : ''}  victim pid ${d.victim_pid ?? '?'}`, width - 1)}
        </Row>
      ))}
      <Text dimColor wrap="truncate">{fit(`── cycle of #${selected.id} · ${selected.evidence.file}:${selected.evidence.line} ${'─'.repeat(width)}`, width)}</Text>
      <DeadlockCycle deadlock={selected} width={width} height={height - listHeight - 2} />
    </Box>
  );
}
