/** The bottom line: the keys of this screen, or a message (an error, the prompt). */
import { Box, Text } from 'ink';
import { fit } from '../wrap-text.js';

export function KeyHint({ text, width }: { text: string; width: number }) {
  return (
    <Box width={width}>
      <Text dimColor wrap="truncate">
        {fit(text, width)}
      </Text>
    </Box>
  );
}
