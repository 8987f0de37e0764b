export type ParameterChange =
  | { name: string; change: 'set'; value: string }
  /** Removed from the configuration file: back to its default. */
  | { name: string; change: 'reset' };

const CHANGED = /^parameter "(.+?)" changed to "(.*)"$/;
const RESET = /^parameter "(.+?)" removed from configuration file, reset to default$/;

/** `parameter "work_mem" changed to "8MB"` after a reload. */
export function parseParameterChanged(message: string): ParameterChange | undefined {
  const m = CHANGED.exec(message);
  if (m) return { name: m[1]!, change: 'set', value: m[2]! };
  const r = RESET.exec(message);
  return r ? { name: r[1]!, change: 'reset' } : undefined;
}
