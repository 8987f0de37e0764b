import { readFileSync } from 'node:fs';

/** CPU seconds (user + system, every thread) the process has used so far: the work done, whatever the overlap of the threads. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Linux counts a thread's CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds the calling thread has used so far (to the hundredth), from Linux's
 * /proc/thread-self/stat; NaN where that cannot be read. Tells which thread bounds
 * a stage, which the process's total cannot.
 */
export function threadCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
