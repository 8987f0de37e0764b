/**
 * The classify stage of an ingest, on the writer thread: each packed row (see
 * entry-rows.ts) gets its event's kind and family and its settled SQLSTATE, and the
 * two columns do not cross between the threads. It moved here when the ingest thread
 * was the busier one; now the writer is (about 2.1 against 1.8 CPU-seconds on the
 * 106 MB bench), but classifying a batch on the ingest thread whenever the writer was
 * behind, two more cells per row to hand over, measured no faster.
 */
import { classify } from '../classify/index.js';
import type { Severity } from '../parse/log-entry.js';
import { bitCount, ENTRY_COLUMNS, type Cell } from './entry-rows.js';

const column = (name: (typeof ENTRY_COLUMNS)[number]): number => ENTRY_COLUMNS.indexOf(name);
const SEVERITY = column('severity');
const SQLSTATE = column('sqlstate');
const MESSAGE = column('message');
const KIND = column('kind');
const FAMILY = column('family');
// kind and family are the last columns, so a row gets them by appending.
if (KIND !== ENTRY_COLUMNS.length - 2 || FAMILY !== ENTRY_COLUMNS.length - 1) throw new Error('kind and family must be the last entry columns');

/** Where column `c` of a row with `mask` sits, counted from the row's mask cell. */
const at = (mask: number, c: number): number => 1 + bitCount(mask & ((1 << c) - 1));

/** The packed rows (from pushEntryRow: no kind nor family) with kind, family and SQLSTATE settled. */
export function classifyRows(rows: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  let i = 0;
  while (i < rows.length) {
    const mask = rows[i] as number;
    const end = i + 1 + bitCount(mask);
    if ((mask & ((1 << KIND) | (1 << FAMILY))) !== 0) throw new Error('classifyRows: a row already has a kind');
    const hasSqlstate = (mask & (1 << SQLSTATE)) !== 0;
    const c = classify({
      severity: rows[i + at(mask, SEVERITY)] as Severity,
      message: rows[i + at(mask, MESSAGE)] as string,
      sqlstate: hasSqlstate ? (rows[i + at(mask, SQLSTATE)] as string) : undefined,
    });
    // The SQLSTATE cell: kept, replaced, added or dropped; it is the only one that moves.
    const sqlstateAt = i + at(mask, SQLSTATE);
    let newMask = (mask | (1 << KIND) | (1 << FAMILY)) & ~(1 << SQLSTATE);
    if (c.sqlstate !== undefined) newMask |= 1 << SQLSTATE;
    out.push(newMask);
    for (let k = i + 1; k < sqlstateAt; k++) out.push(rows[k]!);
    if (c.sqlstate !== undefined) out.push(c.sqlstate);
    for (let k = hasSqlstate ? sqlstateAt + 1 : sqlstateAt; k < end; k++) out.push(rows[k]!);
    out.push(c.kind, c.family);
    i = end;
  }
  return out;
}
