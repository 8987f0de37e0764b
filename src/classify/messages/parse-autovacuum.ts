import { continuationLines } from './continuation-lines.js';

export interface AutovacuumReport {
  operation: 'vacuum' | 'analyze';
  aggressive: boolean;
  /** Anti-wraparound vacuum. */
  wraparound: boolean;
  database: string;
  schema: string;
  table: string;
  indexScans?: number;
  pagesRemoved?: number;
  pagesRemain?: number;
  /** 15+. */
  pagesScanned?: number;
  tuplesRemoved?: number;
  tuplesRemain?: number;
  /** Dead but not yet removable (an old snapshot holds them). */
  tuplesDeadNotRemovable?: number;
  bufferHits?: number;
  /** `misses` up to 16, `reads` since 17. */
  bufferMisses?: number;
  bufferDirtied?: number;
  /** 13+. */
  walRecords?: number;
  walFpi?: number;
  walBytes?: number;
  avgReadMBs?: number;
  avgWriteMBs?: number;
  cpuUserS?: number;
  cpuSystemS?: number;
  elapsedS?: number;
}

const HEAD =
  /^automatic (aggressive )?(vacuum|analyze)( to prevent wraparound)? of table "(.*)"(?:: index scans: (\d+))?/;

type NumericField = {
  [K in keyof AutovacuumReport]-?: AutovacuumReport[K] extends number | undefined ? K : never;
}[keyof AutovacuumReport];

const N = '(\\d+(?:\\.\\d+)?)';
/** Each report line, as worded from 9.6 to 18; fields a version lacks stay absent. */
const LINES: ReadonlyArray<[RegExp, ReadonlyArray<NumericField>]> = [
  [new RegExp(`^pages: ${N} removed, ${N} remain(?:, ${N} scanned)?`), ['pagesRemoved', 'pagesRemain', 'pagesScanned']],
  [new RegExp(`^tuples: ${N} removed, ${N} remain, ${N} are dead but not yet removable`),
    ['tuplesRemoved', 'tuplesRemain', 'tuplesDeadNotRemovable']],
  [new RegExp(`^buffer usage: ${N} hits, ${N} (?:misses|reads), ${N} dirtied`), ['bufferHits', 'bufferMisses', 'bufferDirtied']],
  [new RegExp(`^WAL usage: ${N} records, ${N} full page images, ${N} bytes`), ['walRecords', 'walFpi', 'walBytes']],
  [new RegExp(`^avg read rate: ${N} MB/s, avg write rate: ${N} MB/s`), ['avgReadMBs', 'avgWriteMBs']],
  // 10+: `CPU: user: 0.18 s, system: 0.37 s, elapsed: 6.53 s`.
  [new RegExp(`system usage: CPU: user: ${N} s, system: ${N} s, elapsed: ${N} s`), ['cpuUserS', 'cpuSystemS', 'elapsedS']],
  // 9.6: `CPU 0.00s/0.01u sec elapsed 0.05 sec` (system first).
  [new RegExp(`system usage: CPU ${N}s/${N}u sec elapsed ${N} sec`), ['cpuSystemS', 'cpuUserS', 'elapsedS']],
];

/** Splits `db.schema.table`; a table name with dots keeps them. */
function qualifiedName(name: string): { database: string; schema: string; table: string } {
  const a = name.indexOf('.');
  const b = a < 0 ? -1 : name.indexOf('.', a + 1);
  if (b < 0) return { database: '', schema: '', table: name };
  return { database: name.slice(0, a), schema: name.slice(a + 1, b), table: name.slice(b + 1) };
}

/**
 * The log_autovacuum_min_duration report: `automatic vacuum of table
 * "db.schema.table": index scans: N` and its continuation lines; also
 * `automatic analyze of table …` (and the first line alone, as in the
 * CONTEXT of a cancelled autovacuum).
 */
export function parseAutovacuum(message: string): AutovacuumReport | undefined {
  const lines = continuationLines(message);
  const head = HEAD.exec(lines[0]!);
  if (!head) return undefined;
  const out: AutovacuumReport = {
    operation: head[2] as AutovacuumReport['operation'],
    aggressive: head[1] !== undefined,
    wraparound: head[3] !== undefined,
    ...qualifiedName(head[4]!),
  };
  if (head[5] !== undefined) out.indexScans = Number(head[5]);
  for (const line of lines) {
    for (const [pattern, fields] of LINES) {
      const m = pattern.exec(line);
      if (!m) continue;
      fields.forEach((field, i) => {
        if (m[i + 1] !== undefined) out[field] = Number(m[i + 1]);
      });
    }
  }
  return out;
}
