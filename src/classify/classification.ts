import type { Family, Kind } from './kinds.js';

/** What classify() says about one log entry. */
export interface Classification {
  readonly kind: Kind;
  readonly family: Family;
  /** As logged (%e, csvlog, jsonlog, verbose) or inferred from the message text; never `00000`. */
  readonly sqlstate?: string;
}
