export type AuthFailure =
  /** `method` is the word the server prints: `password` (md5 and SCRAM too), `Peer`, `Ident`, `LDAP`... */
  | { reason: 'failed'; method: string; user: string }
  | { reason: 'host_rejected'; user: string }
  | { reason: 'no_hba_entry' | 'hba_reject'; replication: boolean; host: string; user: string; database?: string; encryption?: string }
  | { reason: 'role_missing'; user: string }
  | { reason: 'database_missing'; database: string }
  | { reason: 'not_permitted'; user: string };

// `, %s` after the names is the encryption state (`no encryption`, `SSL encryption`, `GSS encryption`; `SSL off` up to 11).
const HBA =
  /^(?:no pg_hba\.conf entry for|pg_hba\.conf rejects) (replication connection from host|replication connection for host|connection for host|host) "(.*?)", user "(.*?)"(?:, database "(.*?)")?(?:, (.+))?$/;

const FAILED = /^(\S+) authentication failed for user "(.*)"$/;

/** The FATAL messages of a refused login. */
export function parseAuthFailure(message: string): AuthFailure | undefined {
  let m = FAILED.exec(message);
  if (m) return { reason: 'failed', method: m[1]!, user: m[2]! };
  if ((m = /^authentication failed for user "(.*)": host rejected$/.exec(message))) return { reason: 'host_rejected', user: m[1]! };
  if ((m = HBA.exec(message))) {
    const out: AuthFailure = {
      reason: message.startsWith('no ') ? 'no_hba_entry' : 'hba_reject',
      replication: m[1]!.startsWith('replication'),
      host: m[2]!,
      user: m[3]!,
    };
    if (m[4] !== undefined) out.database = m[4];
    if (m[5] !== undefined) out.encryption = m[5];
    return out;
  }
  if ((m = /^role "(.*)" does not exist$/.exec(message))) return { reason: 'role_missing', user: m[1]! };
  if ((m = /^database "(.*)" does not exist$/.exec(message))) return { reason: 'database_missing', database: m[1]! };
  if ((m = /^role "(.*)" is not permitted to log in$/.exec(message))) return { reason: 'not_permitted', user: m[1]! };
  return undefined;
}
