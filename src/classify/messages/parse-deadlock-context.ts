/** What the waiting backend was doing to the tuple, from XLTW_Oper in lmgr.c. */
export type TupleOperation =
  | 'updating' | 'deleting' | 'locking' | 'locking_updated_version' | 'inserting_index'
  | 'checking_uniqueness' | 'rechecking_updated' | 'checking_exclusion';

export interface TupleContext {
  operation: TupleOperation;
  page: number;
  tuple: number;
  /** Unqualified relation name, as printed. */
  relation: string;
}

const OPERATIONS: Readonly<Record<string, TupleOperation>> = {
  'updating tuple': 'updating',
  'deleting tuple': 'deleting',
  'locking tuple': 'locking',
  'locking updated version': 'locking_updated_version',
  'inserting index tuple': 'inserting_index',
  'checking uniqueness of tuple': 'checking_uniqueness',
  'rechecking updated tuple': 'rechecking_updated',
  'checking exclusion constraint on tuple': 'checking_exclusion',
};

const CONTEXT = /^while (.+?) \((\d+),(\d+)\) (?:of tuple )?in relation "(.*)"$/;

/**
 * CONTEXT of a lock wait or deadlock: `while updating tuple (17,86) in
 * relation "spree_variants"`. The line can sit among others (PL/pgSQL frames,
 * `automatic vacuum of table …`); the first `while …` line is used.
 */
export function parseDeadlockContext(context: string): TupleContext | undefined {
  for (const raw of context.split('\n')) {
    const m = CONTEXT.exec(raw.replace(/^\t/, ''));
    const operation = m && OPERATIONS[m[1]!];
    if (m && operation) return { operation, page: Number(m[2]), tuple: Number(m[3]), relation: m[4]! };
  }
  return undefined;
}
