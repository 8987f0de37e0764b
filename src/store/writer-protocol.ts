/** Messages between the ingest thread and the store writer thread. */
import type { Cell, PackedEntries } from './entry-rows.js';
import type { FinishedFile } from './store-core.js';
import type { Envelope, LogFormat } from './log-format.js';
import type { EntryBatch } from '../derive/entry-batches.js';
import type { Prepared } from '../derive/deriver.js';

export type WriterRequest =
  | { op: 'open'; path: string }
  | { op: 'begin'; path: string; id: number }
  | { op: 'format'; fileId: number; format: LogFormat; prefix: string | null; prefixSource: 'inferred' | 'given' | null; envelope: Envelope | null }
  | { op: 'rows'; entries: PackedEntries; unparsed: Cell[] }
  | { op: 'warning'; fileId: number | null; path: string; message: string; line: number | null }
  | { op: 'catalog' }
  | { op: 'finish'; fileId: number; done: FinishedFile }
  | { op: 'discard'; fileId: number }
  | { op: 'discardIncomplete' }
  | { op: 'endRows' }
  | { op: 'index' }
  | { op: 'deriveBegin' }
  | { op: 'deriveRows'; batch: EntryBatch }
  | { op: 'deriveFinish'; prepared: Prepared }
  | { op: 'cpu' }
  | { op: 'close' };

export interface WriterEnvelope {
  id: number;
  request: WriterRequest;
}

export type WriterReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; storeError: boolean };
