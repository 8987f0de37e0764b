/**
 * The store writer thread: SQLite inserts cost as much as parsing, so during ingest
 * they run here, on the second core, while the main thread reads and parses.
 */
import { parentPort } from 'node:worker_threads';
import { StoreError } from './open-store.js';
import { dispatch, type WriterState } from './writer-dispatch.js';
import type { WriterEnvelope, WriterReply } from './writer-protocol.js';

const port = parentPort;
if (!port) throw new Error('writer-thread must run as a worker');
const state: WriterState = {};

port.on('message', ({ id, request }: WriterEnvelope) => {
  let reply: WriterReply;
  try {
    reply = { id, ok: true, value: dispatch(state, request) };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message, storeError: err instanceof StoreError };
  }
  port.postMessage(reply);
});
