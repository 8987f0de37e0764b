/** The part of unbzip2-stream (a `through` stream, no types shipped) that bunzip2-source uses. */
declare module 'unbzip2-stream' {
  import type { EventEmitter } from 'node:events';

  interface Bunzip2Stream extends EventEmitter {
    /** Decompresses synchronously: 'data' events fire before write returns. */
    write(chunk: Buffer): boolean;
    end(): void;
    destroy(): void;
  }

  function unbzip2Stream(): Bunzip2Stream;
  export default unbzip2Stream;
}
