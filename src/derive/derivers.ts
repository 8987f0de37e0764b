/** Every deriver, in the order they run (each sees every entry; order only matters for logs). */
import type { Deriver } from './deriver.js';
import { relationNamesDeriver } from './relation-names.js';
import { deadlockDeriver } from './deadlocks/deadlock-deriver.js';
import { lockWaitDeriver } from './locks/lock-wait-deriver.js';

export const DERIVERS: readonly Deriver[] = [
  relationNamesDeriver, // first: the others name relations from it when they finish
  deadlockDeriver,
  lockWaitDeriver,
];
