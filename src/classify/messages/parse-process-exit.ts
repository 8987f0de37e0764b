/** How a child of the postmaster ended, from its `(PID N) …` report. */
export type ProcessExit = {
  /** `server process` (a backend), `background worker "…"`, `checkpointer process`, `autovacuum worker`... */
  process: string;
  pid: number;
} & (
  | { how: 'signal'; signal: number; signalName?: string }
  | { how: 'exit'; exitCode: number }
  | { how: 'exception'; code: string }
  | { how: 'unrecognized'; status: number }
);

const EXIT =
  /^(.+?) \(PID (\d+)\) (?:was terminated by signal (\d+)(?:: (.+))?|exited with exit code (\d+)|was terminated by exception 0x([0-9A-Fa-f]+)|exited with unrecognized status (\d+))$/;

/** `server process (PID 123) was terminated by signal 9: Killed`, `… exited with exit code 2`. */
export function parseProcessExit(message: string): ProcessExit | undefined {
  const m = EXIT.exec(message);
  if (!m) return undefined;
  const base = { process: m[1]!, pid: Number(m[2]) };
  if (m[3] !== undefined) {
    return m[4] === undefined
      ? { ...base, how: 'signal', signal: Number(m[3]) }
      : { ...base, how: 'signal', signal: Number(m[3]), signalName: m[4] };
  }
  if (m[5] !== undefined) return { ...base, how: 'exit', exitCode: Number(m[5]) };
  if (m[6] !== undefined) return { ...base, how: 'exception', code: m[6] };
  return { ...base, how: 'unrecognized', status: Number(m[7]) };
}
