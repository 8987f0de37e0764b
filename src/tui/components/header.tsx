/** The top line: where you are, the selected window, the store. */
import { Box, Text } from 'ink';
import { shortTime } from '../../util/time-arg.js';
import type { TimeWindow } from '../../util/time-arg.js';
import { fit } from '../wrap-text.js';

export function windowLabel(window: TimeWindow): string {
  if (window.from === undefined && window.to === undefined) return 'whole log';
  return `${shortTime(window.from ?? null)} → ${shortTime(window.to ?? null)}`;
}

export function Header({ title, window, width }: { title: string; window: TimeWindow; width: number }) {
  return (
    <Box width={width}>
      <Text bold wrap="truncate">
        {fit(`pgautopsy · ${title} · ${windowLabel(window)}`, width)}
      </Text>
    </Box>
  );
}
