export interface ConnectionReceived {
  /** Client address, or `[local]` for a Unix socket. */
  host: string;
  port?: number;
}

const RECEIVED = /^connection received: host=(\S*)(?: port=(\d+))?/;

/** `connection received: host=127.0.0.1 port=36304` / `host=[local]` */
export function parseConnectionReceived(message: string): ConnectionReceived | undefined {
  const m = RECEIVED.exec(message);
  if (!m) return undefined;
  return m[2] === undefined ? { host: m[1]! } : { host: m[1]!, port: Number(m[2]) };
}
