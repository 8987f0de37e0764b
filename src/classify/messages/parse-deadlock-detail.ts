import { parseLockedObject, type LockedObject } from './locked-object.js';
import { continuationLines } from './continuation-lines.js';

export interface DeadlockParticipant {
  pid: number;
  mode: string;
  object: LockedObject;
  /** The process this one waits for: the next edge of the cycle. */
  blockedBy: number;
}

export interface DeadlockDetail {
  /** In the order the server printed the cycle; the first is the victim. */
  participants: DeadlockParticipant[];
  /** Each participant's query as the server log shows it (clients only get the waits). */
  queries: Map<number, string>;
}

const WAITS = /^Process (\d+) waits for (\S+) on (.+); blocked by process (\d+)\.$/;
const QUERY = /^Process (\d+): ?(.*)$/;

/**
 * DETAIL of `deadlock detected`: one `Process N waits for …; blocked by
 * process M.` line per edge, then `Process N: query` per participant. A query
 * runs over as many lines as it has, up to the next `Process N:` line.
 */
export function parseDeadlockDetail(detail: string): DeadlockDetail | undefined {
  const participants: DeadlockParticipant[] = [];
  const queries = new Map<number, string>();
  let current: { pid: number; lines: string[] } | undefined;
  const finish = (): void => {
    if (current) queries.set(current.pid, current.lines.join('\n'));
    current = undefined;
  };
  for (const line of continuationLines(detail)) {
    const wait = current ? undefined : WAITS.exec(line);
    if (wait) {
      participants.push({
        pid: Number(wait[1]),
        mode: wait[2]!,
        object: parseLockedObject(wait[3]!),
        blockedBy: Number(wait[4]),
      });
      continue;
    }
    const query = QUERY.exec(line);
    if (query && participants.some((p) => p.pid === Number(query[1]))) {
      finish();
      current = { pid: Number(query[1]), lines: [query[2]!] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '') {
      return undefined;
    }
  }
  finish();
  return participants.length > 0 ? { participants, queries } : undefined;
}
