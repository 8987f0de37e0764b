/**
 * The classify stage of an ingest, on the writer thread: each entry received (see
 * PackedEntries) is unpacked into a row of cells with its event's kind and family and
 * its settled SQLSTATE, and the two columns do not cross between the threads. It moved
 * here when the ingest thread was the busier one; the two are now about even (1.1-1.3
 * against 1.2-1.5 CPU-seconds on the 106 MB bench), and classifying a batch on the
 * ingest thread whenever the writer was behind, two more cells per row to hand over,
 * measured no faster.
 */
import { classify } from '../classify/index.js';
import type { Severity } from '../parse/log-entry.js';
import { ENTRY_COLUMNS, NUMERIC_COLUMNS, SAME_AS_BEFORE, type Cell, type PackedEntries } from './entry-rows.js';

const column = (name: (typeof ENTRY_COLUMNS)[number]): number => ENTRY_COLUMNS.indexOf(name);
const SEVERITY = column('severity');
const SQLSTATE = column('sqlstate');
const MESSAGE = column('message');
const KIND = column('kind');
const FAMILY = column('family');

/** A row's values by column, reused from row to row. */
const row: Cell[] = new Array<Cell>(ENTRY_COLUMNS.length).fill(null);

/**
 * The packed entries (from an EntryPacker: no kind nor family) as packed rows of
 * cells (see entry-rows.ts), with kind, family and SQLSTATE settled.
 */
export function classifyRows({ cells, text }: PackedEntries): Cell[] {
  const out: Cell[] = [];
  let i = 0;
  let pos = 0;
  /** The columns set by a row of this batch: the ones a later row may repeat. */
  let seen = 0;
  while (i < cells.length) {
    const mask = cells[i++]! | 0;
    if ((mask & ((1 << KIND) | (1 << FAMILY))) !== 0) throw new Error('classifyRows: a row already has a kind');
    for (let m = mask; m !== 0; m &= m - 1) {
      const c = 31 - Math.clz32(m & -m);
      const v = cells[i++]!;
      if ((NUMERIC_COLUMNS & (1 << c)) !== 0) row[c] = v;
      else if (v !== SAME_AS_BEFORE) row[c] = text.slice(pos, (pos += v));
      else if ((seen & (1 << c)) === 0) throw new Error('classifyRows: a value repeats none before it');
    }
    seen |= mask;
    const c = classify({
      severity: row[SEVERITY] as Severity,
      message: row[MESSAGE] as string,
      sqlstate: (mask & (1 << SQLSTATE)) !== 0 ? (row[SQLSTATE] as string) : undefined,
    });
    // Only the SQLSTATE cell can be kept, replaced, added or dropped.
    let newMask = (mask | (1 << KIND) | (1 << FAMILY)) & ~(1 << SQLSTATE);
    if (c.sqlstate !== undefined) {
      newMask |= 1 << SQLSTATE;
      row[SQLSTATE] = c.sqlstate;
    }
    row[KIND] = c.kind;
    row[FAMILY] = c.family;
    out.push(newMask);
    for (let m = newMask; m !== 0; m &= m - 1) out.push(row[31 - Math.clz32(m & -m)]!);
  }
  if (pos !== text.length) throw new Error('classifyRows: the text does not match its cells');
  return out;
}
