/**
 * A deadlock's cycle as an arrow chain: each participant's lock, object,
 * application, query and what its transaction ran before (when read), in the
 * server's order (victim first), back to the start.
 */
import { Box } from 'ink';
import { transactionLines, type DeadlockView } from '../../commands/deadlocks.js';
import { oneLine } from '../../util/text-table.js';
import { fit } from '../wrap-text.js';
import { Tone } from './tone.js';

export function cycleLines(d: DeadlockView): Array<{ text: string; victim: boolean }> {
  const out: Array<{ text: string; victim: boolean }> = [];
  d.participants.forEach((p, i) => {
    const who = [p.application_name, p.user_name].filter((x) => x !== null && x !== '').join(', ');
    const object = p.relation !== null && !p.object.includes(p.relation) ? `${p.object} (${p.relation})` : p.object;
    out.push({ text: `${i === 0 ? '┌▶' : '├▶'} pid ${p.pid}${who !== '' ? ` (${who})` : ''}${p.is_victim ? '  VICTIM, rolled back' : ''}`, victim: p.is_victim });
    out.push({ text: `│    waits ${p.mode} on ${object}, held by pid ${p.blocked_by ?? '?'}`, victim: false });
    out.push({ text: `│    ${p.query !== null ? oneLine(p.query, 500) : '(query not in the log)'}`, victim: false });
    for (const text of transactionLines(p.transaction, '│    ')) out.push({ text, victim: false });
  });
  const first = d.participants[0];
  if (first !== undefined) out.push({ text: `└─ back to pid ${first.pid}`, victim: false });
  return out;
}

export function DeadlockCycle({ deadlock, width, height }: { deadlock: DeadlockView; width: number; height: number }) {
  return (
    <Box flexDirection="column" height={height}>
      {cycleLines(deadlock).slice(0, height).map((l, i) => (
        <Tone key={i} tone={l.victim ? 'error' : undefined} bold={l.victim}>
          {fit(l.text, width)}
        </Tone>
      ))}
    </Box>
  );
}
