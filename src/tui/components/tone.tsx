/**
 * Text whose colour means something (severity, the victim, a refusal). With
 * NO_COLOR the text is plain: every screen also says it in words or glyphs.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTui } from '../tui-context.js';

export type ToneName = 'fatal' | 'error' | 'warning' | 'ok' | 'muted' | 'accent';

const COLORS: Record<ToneName, string> = {
  fatal: 'magenta',
  error: 'red',
  warning: 'yellow',
  ok: 'green',
  muted: 'gray',
  accent: 'cyan',
};

export function toneOfSeverity(severity: string): ToneName | undefined {
  if (severity === 'PANIC' || severity === 'FATAL') return 'fatal';
  if (severity === 'ERROR') return 'error';
  if (severity === 'WARNING') return 'warning';
  return undefined;
}

export function Tone({ tone, bold, children }: { tone: ToneName | undefined; bold?: boolean; children: ReactNode }) {
  const { color } = useTui();
  const c = color && tone !== undefined ? COLORS[tone] : undefined;
  return (
    <Text {...(c !== undefined && { color: c })} {...(bold === true && { bold })} wrap="truncate">
      {children}
    </Text>
  );
}
