/**
 * The writer thread's side of PackedEntries: each entry received is unpacked into a
 * packed row of cells (see entry-rows.ts), its kind's number turned into the kind's
 * and the family's names. The entries were classified on the ingest thread, where a
 * kind costs one number to hand over: classifying here, the writer was the busier
 * thread (1.2-1.6 against 1.1-1.3 CPU-seconds on the 106 MB bench log); now both take
 * about 1.1.
 */
import { KIND_NAMES, KINDS } from '../classify/index.js';
import { ENTRY_COLUMNS, NUMERIC_COLUMNS, SAME_AS_BEFORE, type Cell, type PackedEntries } from './entry-rows.js';

const column = (name: (typeof ENTRY_COLUMNS)[number]): number => ENTRY_COLUMNS.indexOf(name);
const KIND = column('kind');
const FAMILY = column('family');
/** The columns whose packed value is a number: the kind travels as its index in KIND_NAMES. */
const PACKED_NUMBERS = NUMERIC_COLUMNS | (1 << KIND);
const FAMILY_OF = KIND_NAMES.map((kind) => KINDS[kind].family);

/** A row's values by column, reused from row to row. */
const row: Cell[] = new Array<Cell>(ENTRY_COLUMNS.length).fill(null);

/** The packed entries (from an EntryPacker) as packed rows of cells, with their kind and family. */
export function unpackRows({ cells, text }: PackedEntries): Cell[] {
  const out: Cell[] = [];
  let i = 0;
  let pos = 0;
  /** The columns set by a row of this batch: the ones a later row may repeat. */
  let seen = 0;
  while (i < cells.length) {
    const mask = cells[i++]! | 0;
    if ((mask & (1 << KIND)) === 0 || (mask & (1 << FAMILY)) !== 0) throw new Error('unpackRows: a row without its kind number');
    for (let m = mask; m !== 0; m &= m - 1) {
      const c = 31 - Math.clz32(m & -m);
      const v = cells[i++]!;
      if ((PACKED_NUMBERS & (1 << c)) !== 0) row[c] = v;
      else if (v !== SAME_AS_BEFORE) row[c] = text.slice(pos, (pos += v));
      else if ((seen & (1 << c)) === 0) throw new Error('unpackRows: a value repeats none before it');
    }
    seen |= mask;
    const kind = row[KIND] as number;
    row[KIND] = KIND_NAMES[kind]!;
    row[FAMILY] = FAMILY_OF[kind]!;
    const rowMask = mask | (1 << FAMILY);
    out.push(rowMask);
    for (let m = rowMask; m !== 0; m &= m - 1) out.push(row[31 - Math.clz32(m & -m)]!);
  }
  if (pos !== text.length) throw new Error('unpackRows: the text does not match its cells');
  return out;
}
