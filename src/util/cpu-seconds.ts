/** CPU seconds (user + system, every thread) the process has used so far: the work done, whatever the overlap of the threads. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
