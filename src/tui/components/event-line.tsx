/** One event on one line: time, severity, kind, pid, user@db, application, message. Columns narrow on 80 columns. */
import { Text } from 'ink';
import type { EventRow } from '../data/event-query.js';
import { fit } from '../wrap-text.js';
import { Tone, toneOfSeverity } from './tone.js';

const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export function eventColumns(e: EventRow, wide: boolean): { time: string; severity: string; rest: string } {
  const who = e.user_name !== null || e.database_name !== null ? `${e.user_name ?? ''}@${e.database_name ?? ''}` : '-';
  const [kind, user, app] = wide ? [20, 18, 14] : [12, 10, 8];
  return {
    time: e.ts.slice(11, 23),
    severity: wide ? cell(e.severity, 7) : cell(e.severity === 'WARNING' ? 'WARN' : e.severity, 5),
    rest: `${cell(e.kind ?? '-', kind)} ${String(e.pid ?? '-').padStart(6)} ${cell(who, user)} ${cell(e.application_name ?? '-', app)} ${e.message}`,
  };
}

export function EventLine({ event, selected, width }: { event: EventRow; selected: boolean; width: number }) {
  const c = eventColumns(event, width >= 120);
  const restWidth = Math.max(0, width - 1 - 13 - c.severity.length - 1);
  return (
    <Text inverse={selected} wrap="truncate">
      {selected ? '›' : ' '}
      {c.time}{' '}
      <Tone tone={toneOfSeverity(event.severity)} bold={event.severity !== 'LOG'}>{c.severity}</Tone>{' '}
      {fit(c.rest, restWidth)}
    </Text>
  );
}
