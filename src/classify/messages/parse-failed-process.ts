import { untabContinuations } from './continuation-lines.js';

const FAILED_PROCESS = 'Failed process was running: ';

/** DETAIL of a crash report: `Failed process was running: <query>` → the query (possibly multi-line). */
export function parseFailedProcess(detail: string): string | undefined {
  const d = detail.trimStart();
  return d.startsWith(FAILED_PROCESS) ? untabContinuations(d.slice(FAILED_PROCESS.length)) : undefined;
}
