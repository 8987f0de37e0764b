/** `?`: every key, on one screen of 80×24. Any key closes it. */
import { Box, Text } from 'ink';
import { HELP_LINES } from '../key-help.js';
import { fit } from '../wrap-text.js';

export function HelpScreen({ width, height }: { width: number; height: number }) {
  return (
    <Box flexDirection="column" height={height}>
      {HELP_LINES.slice(0, height).map((line, i) => (
        <Text key={i} bold={!line.startsWith(' ')} wrap="truncate">
          {fit(line, width)}
        </Text>
      ))}
    </Box>
  );
}
