/**
 * Rows travel to the store packed: a bit mask of the columns that have a value, then
 * those values in column order. Most columns of most entries are NULL, so this ships
 * a third of the values a full row would, and the inserter gets each row's shape
 * without looking at it. Entries cross to the writer thread packed once more, numbers
 * apart from strings (PackedEntries).
 */
import type { LogEntry } from '../parse/log-entry.js';
import { classify, KIND_NAMES } from '../classify/index.js';

export const ENTRY_COLUMNS = [
  'file_id', 'line_start', 'line_count', 'ts', 'pid', 'severity', 'sqlstate', 'message', 'detail', 'hint',
  'context', 'statement', 'internal_query', 'location', 'user_name', 'database_name', 'application_name',
  'client', 'session_id', 'session_line', 'session_start', 'xid', 'vxid', 'backend_type', 'query_id',
  'command_tag', 'leader_pid', 'kind', 'family',
] as const;

export type Cell = string | number | null;

/** How many values a packed row with this mask has. */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** Appends one packed row: `[mask, ...values]`; undefined and null are both "no value". */
export function pushPackedRow(out: Cell[], values: readonly (Cell | undefined)[]): void {
  const at = out.length;
  out.push(0);
  let mask = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === undefined || v === null) continue;
    mask |= 1 << c;
    out.push(v);
  }
  out[at] = mask;
}

/** The numeric columns; every other one holds text. */
export const NUMERIC_COLUMNS = columnMask(['file_id', 'line_start', 'line_count', 'pid', 'session_line', 'xid', 'leader_pid']);

function columnMask(names: readonly (typeof ENTRY_COLUMNS)[number][]): number {
  let mask = 0;
  for (const n of names) mask |= 1 << ENTRY_COLUMNS.indexOf(n);
  return mask;
}

/**
 * Entries on their way to the writer thread, as packed rows split in two: the numbers
 * in `cells`, the strings end to end in `text`. A row is its column mask, then for each
 * present column its value (numeric columns) or its string's length in `text`.
 *
 * A context value (time, severity, user, database…) equal to the one the same column had
 * in the batch's row before is not repeated: its length is SAME_AS_BEFORE. Busy logs
 * repeat them from line to line (the time too: 84 % of the bench log's lines). Not the
 * SQLSTATE, which classification may settle otherwise.
 *
 * An array of cells, strings among them, cost the writer thread about 70 ns a cell to
 * receive (V8 builds each string anew), a third of its time on the 106 MB bench log.
 * One string and a transferred buffer cost a copy and the slices that cut the string
 * up again.
 */
export interface PackedEntries {
  readonly cells: Float64Array;
  readonly text: string;
}

/** In place of a string's length: the column's value in the batch's row before. */
export const SAME_AS_BEFORE = -1;

/** A kind's number in a packed entry: its index in KIND_NAMES. */
const KIND_NUMBER: ReadonlyMap<string, number> = new Map(KIND_NAMES.map((kind, i) => [kind, i]));

/**
 * Packs entries, classifying them or not (`classifying`, switched between batches or
 * rows at will). Classified, an entry goes with classify()'s SQLSTATE (the logged one,
 * or one read from the text) and its kind's number; unpack-rows.ts names the kind and
 * its family, and classifies the entries that come without.
 */
export interface EntryPacker {
  push(fileId: number, e: LogEntry): void;
  /** Whether push() classifies; if not, the entry goes with its SQLSTATE as logged and no kind. */
  classifying: boolean;
  /** Cells packed so far. */
  readonly size: number;
  /** The batch has its cells or its characters: take() it before the next push. */
  readonly full: boolean;
  /** The rows packed so far; the packer starts afresh. */
  take(): PackedEntries;
}

/** The most cells one row takes: its mask and a cell for each column. */
const ROW_CELLS_MAX = 1 + ENTRY_COLUMNS.length;

/**
 * A packer whose batches are full at `capacity.cells` cells or `capacity.chars`
 * characters of text, whichever comes first (rows never split: a batch holds up to one
 * row more). Both bounds keep memory flat: a log of long statements fills the text
 * long before the cells, and one string cannot pass V8's limit (2^29 characters).
 */
export function createEntryPacker(capacity: { cells: number; chars: number }): EntryPacker {
  const room = capacity.cells + ROW_CELLS_MAX;
  let cells = new Float64Array(room);
  let n = 0;
  let parts: string[] = [];
  let chars = 0;
  const text = (s: string): void => {
    cells[n++] = s.length;
    parts.push(s);
    chars += s.length;
  };
  /** Each column's value in the batch's row before, for the context columns. */
  let before: Array<string | undefined> = [];
  const context = (c: number, s: string): void => {
    if (s === before[c]) {
      cells[n++] = SAME_AS_BEFORE;
    } else {
      before[c] = s;
      text(s);
    }
  };
  return {
    classifying: true,
    get size() {
      return n;
    },
    get full() {
      return n >= capacity.cells || chars >= capacity.chars;
    },
    // Written out field by field because it runs once per entry: a generic helper here
    // once cost a tenth of the parse thread's time (text() and context() are small
    // enough for V8 to inline).
    push(fileId, e) {
      if (n + ROW_CELLS_MAX > room) throw new Error('entry packer is full: take() its rows first');
      const at = n;
      cells[n + 1] = fileId;
      cells[n + 2] = e.lineStart;
      cells[n + 3] = e.lineCount;
      n += 4;
      let mask = 0b111;
      if (e.ts !== undefined) { mask |= 1 << 3; context(3, e.ts); }
      if (e.pid !== undefined) { mask |= 1 << 4; cells[n++] = e.pid; }
      if (e.severity !== undefined) { mask |= 1 << 5; context(5, e.severity); }
      const c = this.classifying ? classify(e) : undefined;
      const sqlstate = c === undefined ? e.sqlstate : c.sqlstate;
      if (sqlstate !== undefined) { mask |= 1 << 6; text(sqlstate); }
      if (e.message !== undefined) { mask |= 1 << 7; text(e.message); }
      if (e.detail !== undefined) { mask |= 1 << 8; text(e.detail); }
      if (e.hint !== undefined) { mask |= 1 << 9; text(e.hint); }
      if (e.context !== undefined) { mask |= 1 << 10; text(e.context); }
      if (e.statement !== undefined) { mask |= 1 << 11; text(e.statement); }
      if (e.internal_query !== undefined) { mask |= 1 << 12; text(e.internal_query); }
      if (e.location !== undefined) { mask |= 1 << 13; text(e.location); }
      if (e.user_name !== undefined) { mask |= 1 << 14; context(14, e.user_name); }
      if (e.database_name !== undefined) { mask |= 1 << 15; context(15, e.database_name); }
      if (e.application_name !== undefined) { mask |= 1 << 16; context(16, e.application_name); }
      if (e.client !== undefined) { mask |= 1 << 17; context(17, e.client); }
      if (e.session_id !== undefined) { mask |= 1 << 18; context(18, e.session_id); }
      if (e.session_line !== undefined) { mask |= 1 << 19; cells[n++] = e.session_line; }
      if (e.session_start !== undefined) { mask |= 1 << 20; context(20, e.session_start); }
      if (e.xid !== undefined) { mask |= 1 << 21; cells[n++] = Number(e.xid); }
      if (e.vxid !== undefined) { mask |= 1 << 22; context(22, e.vxid); }
      if (e.backend_type !== undefined) { mask |= 1 << 23; context(23, e.backend_type); }
      if (e.query_id !== undefined) { mask |= 1 << 24; context(24, e.query_id); }
      if (e.command_tag !== undefined) { mask |= 1 << 25; context(25, e.command_tag); }
      if (e.leader_pid !== undefined) { mask |= 1 << 26; cells[n++] = e.leader_pid; }
      if (c !== undefined) { mask |= 1 << 27; cells[n++] = KIND_NUMBER.get(c.kind)!; }
      cells[at] = mask;
    },
    take() {
      const packed = { cells: cells.subarray(0, n), text: parts.join('') };
      cells = new Float64Array(room);
      n = 0;
      parts = [];
      chars = 0;
      before = [];
      return packed;
    },
  };
}

/** The entries packed as one batch. */
export function packEntries(fileId: number, entries: readonly LogEntry[]): PackedEntries {
  const packer = createEntryPacker({ cells: entries.length * ROW_CELLS_MAX, chars: Infinity });
  for (const e of entries) packer.push(fileId, e);
  return packer.take();
}
