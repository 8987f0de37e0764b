import type { KindInfo } from './kind-info.js';
import { CONNECTION_KINDS } from './kinds/connection-kinds.js';
import { AUTH_KINDS } from './kinds/auth-kinds.js';
import { LOCK_KINDS } from './kinds/lock-kinds.js';
import { TIMEOUT_KINDS } from './kinds/timeout-kinds.js';
import { STATEMENT_KINDS } from './kinds/statement-kinds.js';
import { SERVER_KINDS } from './kinds/server-kinds.js';
import { CHECKPOINT_KINDS } from './kinds/checkpoint-kinds.js';
import { MAINTENANCE_KINDS } from './kinds/maintenance-kinds.js';
import { REPLICATION_KINDS } from './kinds/replication-kinds.js';
import { ERROR_KINDS } from './kinds/error-kinds.js';

export type { Family, KindInfo, Pattern } from './kind-info.js';
export { FAMILIES, patternText, patternSqlstate } from './kind-info.js';

/**
 * Every kind of log event pgautopsy knows, one table per family. Order
 * matters: classify() tries patterns in this order, so a narrower kind comes
 * before a broader one sharing its first word (`role "x" does not exist` at
 * FATAL is a login problem before it is an undefined object), and the
 * application errors, with their catch-all wordings, come last.
 */
export const KINDS = {
  ...CONNECTION_KINDS,
  ...AUTH_KINDS,
  ...LOCK_KINDS,
  ...TIMEOUT_KINDS,
  ...STATEMENT_KINDS,
  ...SERVER_KINDS,
  ...CHECKPOINT_KINDS,
  ...MAINTENANCE_KINDS,
  ...REPLICATION_KINDS,
  ...ERROR_KINDS,
  other: {
    family: 'other',
    description: 'A message no kind covers (extension chatter, RAISE NOTICE...): kept, never dropped.',
    patterns: [],
  },
} as const satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;

/** Something for every kind: a stage that handles kinds declares one, so a new kind does not compile until handled. */
export type ByKind<T> = { readonly [K in Kind]: T };

export const KIND_NAMES = Object.keys(KINDS) as readonly Kind[];

export const isKind = (s: string): s is Kind => Object.prototype.hasOwnProperty.call(KINDS, s);
