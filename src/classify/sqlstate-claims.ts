import type { Severity } from '../parse/log-entry.js';
import { patternSqlstate, type KindInfo } from './kind-info.js';
import { isErrorSqlstate, sqlstateClass } from './sqlstate.js';

interface Claim<K> {
  kind: K;
  severities: readonly Severity[] | undefined;
}

/**
 * Which kind a SQLSTATE alone identifies, for messages whose text we cannot
 * read (lc_messages in another language, wordings we do not know). A code
 * names a kind only when one kind carries it at that severity (or one is
 * narrower than the rest): 57014 is a statement timeout, a user cancel and a
 * cancelled autovacuum, so it names none.
 */
export function buildSqlstateClaims<K extends string>(kinds: Readonly<Record<K, KindInfo>>): (code: string, severity: Severity) => K | undefined {
  const exact = new Map<string, Claim<K>[]>();
  const byClass = new Map<string, K>();
  for (const kind of Object.keys(kinds) as K[]) {
    const info: KindInfo = kinds[kind];
    const codes = new Set<string>();
    if (info.sqlstate) codes.add(info.sqlstate);
    for (const p of info.patterns) {
      const code = patternSqlstate(p);
      if (code) codes.add(code);
    }
    for (const code of codes) {
      const claims = exact.get(code) ?? [];
      claims.push({ kind, severities: info.severities });
      exact.set(code, claims);
    }
    if (info.claimsClass) byClass.set(info.claimsClass, kind);
  }

  return (code, severity) => {
    if (!isErrorSqlstate(code)) return undefined;
    const fit = (exact.get(code) ?? []).filter((c) => !c.severities || c.severities.includes(severity));
    if (fit.length === 0) return byClass.get(sqlstateClass(code));
    // A kind declared for fewer severities is the more specific: 3D000 at FATAL is a
    // failed login (database_missing), not any undefined object.
    const breadth = (c: Claim<K>): number => c.severities?.length ?? Infinity;
    fit.sort((a, b) => breadth(a) - breadth(b));
    return fit.length === 1 || breadth(fit[0]!) < breadth(fit[1]!) ? fit[0]!.kind : undefined;
  };
}
