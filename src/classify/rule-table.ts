import type { Severity } from '../parse/log-entry.js';
import { patternSqlstate, patternText, type Family, type KindInfo } from './kind-info.js';
import { compileTemplate, matchesTemplate, type CompiledTemplate } from './message-template.js';
import { firstWordKey } from './first-word.js';

/** One pattern of one kind, ready to test. */
export interface Rule<K extends string> {
  readonly kind: K;
  /** `{kind, family}`, frozen and shared: what classify() returns when there is no SQLSTATE to add. */
  readonly plain: { readonly kind: K; readonly family: Family };
  readonly template: CompiledTemplate;
  /** The pattern's own SQLSTATE, else the kind's. */
  readonly sqlstate: string | undefined;
  readonly severities: readonly Severity[] | undefined;
}

/**
 * Patterns grouped by their first word, so a message is only tested against
 * the handful that can match it. Templates that start with a placeholder
 * (`%s (PID %d) was terminated…`) are tried last, for messages nothing else took.
 */
export interface RuleTable<K extends string> {
  readonly byFirstWord: ReadonlyMap<number, readonly Rule<K>[]>;
  readonly fallback: readonly Rule<K>[];
}

export function buildRuleTable<K extends string>(kinds: Readonly<Record<K, KindInfo>>): RuleTable<K> {
  const byFirstWord = new Map<number, Rule<K>[]>();
  const fallback: Rule<K>[] = [];
  for (const kind of Object.keys(kinds) as K[]) {
    const info: KindInfo = kinds[kind];
    const plain = Object.freeze({ kind, family: info.family });
    for (const pattern of info.patterns) {
      const template = compileTemplate(patternText(pattern));
      const rule: Rule<K> = {
        kind,
        plain,
        template,
        sqlstate: patternSqlstate(pattern) ?? info.sqlstate,
        severities: info.severities,
      };
      if (template.firstWord === undefined) {
        fallback.push(rule);
        continue;
      }
      const key = firstWordKey(template.firstWord);
      let bucket = byFirstWord.get(key);
      if (!bucket) byFirstWord.set(key, (bucket = []));
      bucket.push(rule);
    }
  }
  return { byFirstWord, fallback };
}

function firstMatch<K extends string>(rules: readonly Rule<K>[], message: string, severity: Severity): Rule<K> | undefined {
  for (const rule of rules) {
    if (rule.severities && !rule.severities.includes(severity)) continue;
    if (matchesTemplate(rule.template, message)) return rule;
  }
  return undefined;
}

export function findRule<K extends string>(table: RuleTable<K>, message: string, severity: Severity): Rule<K> | undefined {
  const bucket = table.byFirstWord.get(firstWordKey(message));
  return (bucket && firstMatch(bucket, message, severity)) ?? firstMatch(table.fallback, message, severity);
}
