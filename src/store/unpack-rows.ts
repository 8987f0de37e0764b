/**
 * The writer thread's side of PackedEntries: each entry received is unpacked into a
 * packed row of cells (see entry-rows.ts), with its kind, its family and its settled
 * SQLSTATE. An entry classified on the ingest thread comes with its kind's number,
 * which only needs naming; the others are classified here. Which thread classifies is
 * decided batch by batch, by the one with room (see store-writer.ts): a kind's number
 * costs nothing to hand over since entries cross as numbers plus one string.
 */
import { classify, KIND_NAMES, KINDS } from '../classify/index.js';
import type { Severity } from '../parse/log-entry.js';
import { ENTRY_COLUMNS, NUMERIC_COLUMNS, SAME_AS_BEFORE, type Cell, type PackedEntries } from './entry-rows.js';

const column = (name: (typeof ENTRY_COLUMNS)[number]): number => ENTRY_COLUMNS.indexOf(name);
const SEVERITY = column('severity');
const SQLSTATE = column('sqlstate');
const MESSAGE = column('message');
const KIND = column('kind');
const FAMILY = column('family');
/** The columns whose packed value is a number: the kind travels as its index in KIND_NAMES. */
const PACKED_NUMBERS = NUMERIC_COLUMNS | (1 << KIND);
const FAMILY_OF = KIND_NAMES.map((kind) => KINDS[kind].family);

/** A row's values by column, reused from row to row. */
const row: Cell[] = new Array<Cell>(ENTRY_COLUMNS.length).fill(null);

/** The packed entries (from an EntryPacker) as packed rows of cells, classified. */
export function unpackRows({ cells, text }: PackedEntries): Cell[] {
  const out: Cell[] = [];
  let i = 0;
  let pos = 0;
  /** The columns set by a row of this batch: the ones a later row may repeat. */
  let seen = 0;
  while (i < cells.length) {
    const mask = cells[i++]! | 0;
    if ((mask & (1 << FAMILY)) !== 0) throw new Error('unpackRows: a row with a family');
    for (let m = mask; m !== 0; m &= m - 1) {
      const c = 31 - Math.clz32(m & -m);
      const v = cells[i++]!;
      if ((PACKED_NUMBERS & (1 << c)) !== 0) row[c] = v;
      else if (v !== SAME_AS_BEFORE) row[c] = text.slice(pos, (pos += v));
      else if ((seen & (1 << c)) === 0) throw new Error('unpackRows: a value repeats none before it');
    }
    seen |= mask;
    let rowMask = mask | (1 << KIND) | (1 << FAMILY);
    if ((mask & (1 << KIND)) !== 0) {
      const kind = row[KIND] as number;
      row[KIND] = KIND_NAMES[kind]!;
      row[FAMILY] = FAMILY_OF[kind]!;
    } else {
      const c = classify({
        severity: row[SEVERITY] as Severity,
        message: row[MESSAGE] as string,
        sqlstate: (mask & (1 << SQLSTATE)) !== 0 ? (row[SQLSTATE] as string) : undefined,
      });
      rowMask &= ~(1 << SQLSTATE);
      if (c.sqlstate !== undefined) {
        rowMask |= 1 << SQLSTATE;
        row[SQLSTATE] = c.sqlstate;
      }
      row[KIND] = c.kind;
      row[FAMILY] = c.family;
    }
    out.push(rowMask);
    for (let m = rowMask; m !== 0; m &= m - 1) out.push(row[31 - Math.clz32(m & -m)]!);
  }
  if (pos !== text.length) throw new Error('unpackRows: the text does not match its cells');
  return out;
}
