/** Carries out one writer request against a store core, in the writer thread. */
import { openStoreForWriting, type Store } from './open-store.js';
import { createStoreCore, type StoreCore } from './store-core.js';
import type { WriterRequest } from './writer-protocol.js';
import { threadCpuSeconds } from '../util/cpu-seconds.js';

export interface WriterState {
  db?: Store;
  core?: StoreCore;
}

export function dispatch(state: WriterState, request: WriterRequest): unknown {
  if (request.op === 'open') {
    state.db = openStoreForWriting(request.path);
    state.core = createStoreCore(state.db);
    return undefined;
  }
  const core = state.core;
  if (!core) throw new Error('store is not open');
  switch (request.op) {
    case 'begin':
      return core.beginFile(request.path, request.id);
    case 'format':
      return core.setFormat(request.fileId, request.format, request.prefix, request.prefixSource, request.envelope);
    case 'rows':
      if (request.entries.cells.length > 0) core.insertEntries(request.entries);
      if (request.unparsed.length > 0) core.insertUnparsed(request.unparsed);
      return undefined;
    case 'warning':
      return core.warning(request.fileId, request.path, request.message, request.line);
    case 'catalog':
      return core.catalog();
    case 'finish':
      return core.finishFile(request.fileId, request.done);
    case 'discard':
      return core.discardFile(request.fileId);
    case 'discardIncomplete':
      return core.discardIncomplete();
    case 'endRows':
      return core.endRows();
    case 'index':
      return core.index();
    case 'deriveBegin':
      return core.beginDerive();
    case 'deriveRows':
      return core.deriveRows(request.batch);
    case 'deriveFinish':
      return core.finishDerive(request.prepared);
    case 'cpu':
      return threadCpuSeconds();
    case 'close':
      return core.close();
  }
}
