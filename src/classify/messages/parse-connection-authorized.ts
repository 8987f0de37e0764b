export interface ConnectionAuthorized {
  /** A walsender connection (`replication connection authorized`). */
  replication: boolean;
  user: string;
  database?: string;
  /** Printed since 12. */
  applicationName?: string;
  /** `SSL enabled (protocol=TLSv1.3, cipher=…, bits=256)`, as key → value. */
  ssl?: Record<string, string>;
  /** `GSS (authenticated=yes, encrypted=yes, principal=…)` (12+). */
  gss?: Record<string, string>;
}

// Values may hold spaces (application_name often does); each ends where the next known key begins.
const AUTHORIZED =
  /^(replication )?connection authorized: user=(.*?)(?: database=(.*?))?(?: application_name=(.*?))?(?: SSL enabled \((.*?)\))?(?: GSS \((.*?)\))?$/;

function keyValues(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of list.split(', ')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** `connection authorized: user=app database=shop application_name=psql SSL enabled (protocol=TLSv1.3, …)` */
export function parseConnectionAuthorized(message: string): ConnectionAuthorized | undefined {
  const m = AUTHORIZED.exec(message);
  if (!m) return undefined;
  const out: ConnectionAuthorized = { replication: m[1] !== undefined, user: m[2]! };
  if (m[3] !== undefined) out.database = m[3];
  if (m[4] !== undefined) out.applicationName = m[4];
  if (m[5] !== undefined) out.ssl = keyValues(m[5]);
  if (m[6] !== undefined) out.gss = keyValues(m[6]);
  return out;
}
