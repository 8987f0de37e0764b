import type { Severity } from '../../../src/parse/log-entry.js';
import type { Kind } from '../../../src/classify/kinds.js';

/**
 * One classification case: the kind expected for a message as a server wrote
 * it, with the SQLSTATE the entry carried (csvlog/jsonlog/%e) when given.
 * Unmarked messages are real lines from PostgreSQL 15 (samples/ or a server
 * run for these tests); `// wording of PG NN` marks a text copied from that
 * version's source because PG 15 cannot produce it.
 */
export type Case = readonly [kind: Kind, severity: Severity, message: string, sqlstate?: string];
