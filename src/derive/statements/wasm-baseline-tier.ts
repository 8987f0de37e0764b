/**
 * Imported before libpg-query. V8 recompiles hot WebAssembly with its optimizing
 * tier on a background thread; for PostgreSQL's grammar that costs ~90 MB of
 * memory and a second or more of CPU on a core the ingest needs, to speed up a
 * parser we call once per new statement shape. The baseline compiler alone is
 * better for us on every count (measured: 23 vs 54 µs a call over 20 000 calls,
 * peak RSS 68 vs 162 MB). The flag is process-wide; pgautopsy runs no other WASM.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
