/** PostgreSQL's table of conflicting lock modes (the manual's "Conflicting Lock Modes"). */
const MODES = [
  'AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock',
  'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock',
] as const;

// Row i: bit j set when mode i conflicts with mode j (same order as MODES).
const CONFLICTS = [
  0b10000000, 0b11000000, 0b11110000, 0b11111000, 0b11101100, 0b11111100, 0b11111110, 0b11111111,
];

/** Whether a request for `a` must wait for a holder or earlier request of `b`. Unknown modes conflict. */
export function modesConflict(a: string, b: string): boolean {
  const i = MODES.indexOf(a as (typeof MODES)[number]);
  const j = MODES.indexOf(b as (typeof MODES)[number]);
  if (i < 0 || j < 0) return true;
  return (CONFLICTS[i]! & (1 << j)) !== 0;
}
