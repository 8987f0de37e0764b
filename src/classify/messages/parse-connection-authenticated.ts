export interface ConnectionAuthenticated {
  /** The authenticated identity (system user for peer, certificate CN, role name...). */
  identity: string;
  /** pg_hba.conf method: `scram-sha-256`, `md5`, `peer`, `cert`... */
  method: string;
  hbaFile?: string;
  hbaLine?: number;
}

const AUTHENTICATED = /^connection authenticated: identity="(.*)" method=(\S+)(?: \((.*):(\d+)\))?$/;

/** `connection authenticated: identity="app" method=scram-sha-256 (/etc/postgresql/15/main/pg_hba.conf:6)` (14+) */
export function parseConnectionAuthenticated(message: string): ConnectionAuthenticated | undefined {
  const m = AUTHENTICATED.exec(message);
  if (!m) return undefined;
  const out: ConnectionAuthenticated = { identity: m[1]!, method: m[2]! };
  if (m[3] !== undefined) {
    out.hbaFile = m[3];
    out.hbaLine = Number(m[4]);
  }
  return out;
}
