/** The screens, as a stack: keys push screens, `q` pops; each entry remembers where its screen was. */
import type { EventFilter } from './data/event-filter.js';

export type Screen =
  | { name: 'home' }
  | { name: 'events'; filter?: EventFilter; at?: string; title?: string }
  | { name: 'detail'; id: number }
  | { name: 'deadlocks'; id?: number }
  | { name: 'blockers' }
  | { name: 'queries' }
  | { name: 'connections' };

export type ScreenName = Screen['name'];

export interface StackEntry {
  screen: Screen;
  /** Cursor positions and such, kept while the screen is covered by another. */
  memo: Record<string, unknown>;
}

export interface Navigator {
  push(screen: Screen): void;
  pop(): void;
}

export function entry(screen: Screen): StackEntry {
  return { screen, memo: {} };
}
