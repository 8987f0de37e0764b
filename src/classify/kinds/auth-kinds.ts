import type { KindInfo } from '../kind-info.js';

/** Who may log in, and why not. */
export const AUTH_KINDS = {
  auth_failed: {
    family: 'auth',
    description: 'Authentication failed; the method is the first word (password covers md5 and SCRAM).',
    sqlstate: '28000',
    patterns: [
      ['password authentication failed for user "%s"', '28P01'],
      'Peer authentication failed for user "%s"',
      'Ident authentication failed for user "%s"',
      'GSSAPI authentication failed for user "%s"',
      'SSPI authentication failed for user "%s"',
      'PAM authentication failed for user "%s"',
      'BSD authentication failed for user "%s"',
      'LDAP authentication failed for user "%s"',
      'certificate authentication failed for user "%s"',
      'RADIUS authentication failed for user "%s"',
      'authentication failed for user "%s": host rejected',
    ],
  },
  auth_user_mismatch: {
    family: 'auth',
    description: 'Peer/ident: the OS user does not map to the requested role (precedes the failure).',
    patterns: ['provided user name (%s) and authenticated user name (%s) do not match'],
  },
  auth_timeout: {
    family: 'auth',
    description: 'The client did not finish authenticating within authentication_timeout.',
    sqlstate: '57014',
    patterns: ['canceling authentication due to timeout'],
  },
  no_hba_entry: {
    family: 'auth',
    description: 'No pg_hba.conf line matches the host, user and database.',
    sqlstate: '28000',
    patterns: [
      'no pg_hba.conf entry for host "%s", user "%s", database "%s", %s',
      'no pg_hba.conf entry for host "%s", user "%s", database "%s"',
      'no pg_hba.conf entry for replication connection from host "%s", user "%s", %s',
    ],
  },
  hba_reject: {
    family: 'auth',
    description: 'A pg_hba.conf `reject` line matched.',
    sqlstate: '28000',
    patterns: [
      'pg_hba.conf rejects connection for host "%s", user "%s", database "%s", %s',
      'pg_hba.conf rejects replication connection for host "%s", user "%s", %s',
    ],
  },
  role_missing: {
    family: 'auth',
    description: 'The login role does not exist.',
    sqlstate: '28000',
    severities: ['FATAL'],
    patterns: ['role "%s" does not exist'],
  },
  database_missing: {
    family: 'auth',
    description: 'The database asked for at connection time does not exist.',
    sqlstate: '3D000',
    severities: ['FATAL'],
    patterns: ['database "%s" does not exist'],
  },
  login_refused: {
    family: 'auth',
    description: 'The role exists but may not log in here (NOLOGIN, no CONNECT privilege).',
    severities: ['FATAL'],
    patterns: [
      ['role "%s" is not permitted to log in', '28000'],
      ['permission denied for database "%s"', '42501'],
    ],
  },
} as const satisfies Record<string, KindInfo>;
