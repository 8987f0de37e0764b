export interface HbaMatch {
  /** Printed since 16 (`Connection matched file "…" line N`); older servers say `pg_hba.conf`. */
  file?: string;
  line: number;
  /** The pg_hba.conf line as written. */
  entry: string;
  /** Its authentication method, when recognisable. */
  method?: string;
  /** The DETAIL lines before the match: `Password does not match for user "x".`, `Role "x" does not exist.`... */
  reasons: string[];
}

const MATCH = /^Connection matched (?:pg_hba\.conf|file "(.*)") line (\d+): "(.*)"$/;

const METHODS = new Set([
  'trust', 'reject', 'scram-sha-256', 'md5', 'password', 'gss', 'sspi', 'ident', 'peer',
  'pam', 'ldap', 'radius', 'cert', 'bsd',
]);

/** DETAIL of an authentication failure: why, and which pg_hba.conf line matched. */
export function parseHbaMatch(detail: string): HbaMatch | undefined {
  const lines = detail.split('\n').map((l) => l.replace(/^\t/, ''));
  const at = lines.findIndex((l) => MATCH.test(l));
  if (at < 0) return undefined;
  const m = MATCH.exec(lines[at]!)!;
  const out: HbaMatch = { line: Number(m[2]), entry: m[3]!, reasons: lines.slice(0, at).filter((l) => l !== '') };
  if (m[1] !== undefined) out.file = m[1];
  const method = m[3]!.split(/\s+/).find((w) => METHODS.has(w));
  if (method) out.method = method;
  return out;
}
