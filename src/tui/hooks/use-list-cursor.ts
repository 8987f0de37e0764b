/** A cursor over an in-memory list, moved with less/vim keys, remembered in the screen's memo. */
import { useInput } from 'ink';
import { moveIndex, scrollTop } from '../list-keys.js';
import { useRemembered } from './use-remembered.js';

export interface ListCursor {
  index: number;
  top: number;
  setIndex(index: number): void;
}

export function useListCursor(memo: Record<string, unknown>, count: number, page: number, active: boolean): ListCursor {
  const [index, setIndexRaw] = useRemembered(memo, 'index', 0);
  const [top, setTop] = useRemembered(memo, 'top', 0);
  const safe = Math.min(index, Math.max(0, count - 1));
  const setIndex = (i: number) => {
    setIndexRaw(i);
    setTop(scrollTop(top, i, page));
  };
  useInput(
    (input, key) => {
      const next = moveIndex(input, key, safe, count, page);
      if (next !== null) setIndex(next);
    },
    { isActive: active },
  );
  return { index: safe, top: scrollTop(Math.min(top, safe), safe, page), setIndex };
}
