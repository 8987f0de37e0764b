/** One list row: `›` and inverse video mark the selected one (the glyph survives NO_COLOR and copy-paste). */
import { Text } from 'ink';
import type { ReactNode } from 'react';

export function Row({ selected, width, children }: { selected: boolean; width: number; children: ReactNode }) {
  return (
    <Text inverse={selected} wrap="truncate">
      {selected ? '›' : ' '}
      {typeof children === 'string' ? children.slice(0, Math.max(0, width - 1)) : children}
    </Text>
  );
}
