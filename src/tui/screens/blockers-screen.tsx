/** `B`: blocking trees of the window, root blockers first; Space folds a tree, Enter opens a row's evidence. */
import { Box, Text, useInput } from 'ink';
import { useMemo } from 'react';
import { loadBlockers } from '../../commands/blockers.js';
import { blockerRows } from '../data/blocker-rows.js';
import { Row } from '../components/row.js';
import { Tone } from '../components/tone.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

export function BlockersScreen({ width, height, active, memo, nav, window, say }: ScreenProps) {
  const { dbPath } = useTui();
  const trees = useMemo(() => loadBlockers({ db: dbPath, ...window }), [dbPath, window]);
  const [folded, setFolded] = useRemembered<number[]>(memo, 'folded', []);
  const rows = useMemo(() => blockerRows(trees, new Set(folded)), [trees, folded]);
  const page = Math.max(1, height - 1);
  const cursor = useListCursor(memo, rows.length, page, active);
  useInput(
    (input, key) => {
      const row = rows[cursor.index];
      if (row === undefined) return;
      if (input === ' ') {
        setFolded(folded.includes(row.tree) ? folded.filter((t) => t !== row.tree) : [...folded, row.tree]);
        const rootAt = rows.findIndex((r) => r.tree === row.tree);
        cursor.setIndex(rootAt);
      } else if (key.return) {
        if (row.entryId !== null) nav.push({ name: 'detail', id: row.entryId });
        else say('no entry behind this line');
      }
    },
    { isActive: active },
  );

  if (trees.length === 0) return <Text>No blocking in this window (no lock waits logged; is log_lock_waits on?).</Text>;
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">{fit(`${trees.length} blocking tree${trees.length === 1 ? '' : 's'}, most waiting caused first`, width)}</Text>
      {rows.slice(cursor.top, cursor.top + page).map((r, i) => (
        <Row key={cursor.top + i} selected={cursor.top + i === cursor.index} width={width}>
          {r.kind === 'root' ? <Tone tone="error" bold>{fit(r.text, width - 1)}</Tone> : fit(r.text, width - 1)}
        </Row>
      ))}
    </Box>
  );
}
