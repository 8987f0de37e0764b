/**
 * `B`: blocking trees of the window, root blockers first; Space folds a tree, Enter
 * opens a row's evidence. Only the trees on screen are built (tree-outline.ts).
 */
import { Box, Text, useInput } from 'ink';
import { useMemo } from 'react';
import { loadTreeOutline } from '../../analyze/blockers/tree-outline.js';
import { blockerLayout, blockerPage, SCREEN_TREES } from '../data/blocker-rows.js';
import { Row } from '../components/row.js';
import { Tone } from '../components/tone.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { useTui } from '../tui-context.js';
import { fit } from '../wrap-text.js';
import type { ScreenProps } from './screen-props.js';

export function BlockersScreen({ width, height, active, memo, nav, window, say }: ScreenProps) {
  const { db } = useTui();
  const outline = useMemo(() => loadTreeOutline(db, window, SCREEN_TREES), [db, window]);
  const [folded, setFolded] = useRemembered<number[]>(memo, 'folded', []);
  const foldedSet = useMemo(() => new Set(folded), [folded]);
  const layout = useMemo(() => blockerLayout(outline, foldedSet), [outline, foldedSet]);
  const page = Math.max(1, height - 1);
  const cursor = useListCursor(memo, layout.total, page, active);
  const rows = useMemo(() => blockerPage(outline, layout, foldedSet, cursor.top, page), [outline, layout, foldedSet, cursor.top, page]);
  useInput(
    (input, key) => {
      const row = rows[cursor.index - cursor.top];
      if (row === undefined) return;
      if (input === ' ') {
        setFolded(folded.includes(row.tree) ? folded.filter((t) => t !== row.tree) : [...folded, row.tree]);
        cursor.setIndex(layout.starts[row.tree]!);
      } else if (key.return) {
        if (row.entryId !== null) nav.push({ name: 'detail', id: row.entryId });
        else say('no entry behind this line');
      }
    },
    { isActive: active },
  );

  const { total } = outline;
  if (total === 0) return <Text>No blocking in this window (no lock waits logged; is log_lock_waits on?).</Text>;
  const shown = outline.trees.length < total ? `; the first ${outline.trees.length} listed (a narrower window lists the others)` : '';
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor wrap="truncate">{fit(`${total} blocking tree${total === 1 ? '' : 's'}, most waiting caused first${shown}`, width)}</Text>
      {rows.map((r, i) => (
        <Row key={cursor.top + i} selected={cursor.top + i === cursor.index} width={width}>
          {r.kind === 'root' ? <Tone tone="error" bold>{fit(r.text, width - 1)}</Tone> : fit(r.text, width - 1)}
        </Row>
      ))}
    </Box>
  );
}
