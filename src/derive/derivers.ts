/** Every deriver, in the order they run (each sees every entry; order only matters for logs). */
import type { Deriver } from './deriver.js';

export const DERIVERS: readonly Deriver[] = [];
