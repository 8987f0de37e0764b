/** Every deriver, in the order they run (each sees every entry; order only matters for logs). */
import type { Deriver } from './deriver.js';
import { deadlockDeriver } from './deadlocks/deadlock-deriver.js';
import { lockWaitDeriver } from './locks/lock-wait-deriver.js';

export const DERIVERS: readonly Deriver[] = [
  deadlockDeriver,
  lockWaitDeriver,
];
