/** What every screen reads: the read-only store, and whether colour may be used (NO_COLOR). */
import { createContext, useContext } from 'react';
import type { Store } from '../store/open-store.js';
import type { SearchPace } from './data/event-search.js';

export interface TuiEnv {
  db: Store;
  dbPath: string;
  color: boolean;
  /** How the events search paces itself: events per step, and a pause between steps (tests slow it down to watch it). */
  searchPace?: SearchPace;
}

export const TuiContext = createContext<TuiEnv | null>(null);

export function useTui(): TuiEnv {
  const env = useContext(TuiContext);
  if (env === null) throw new Error('useTui() outside <TuiContext.Provider>');
  return env;
}

/** https://no-color.org: any value, even empty, turns colour off. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined;
}
