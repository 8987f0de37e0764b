/**
 * useState whose value outlives the component in its stack entry's memo: going
 * back from a detail screen finds the list where it was left.
 */
import { useState } from 'react';

export function useRemembered<T>(memo: Record<string, unknown>, key: string, initial: T | (() => T)): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    if (key in memo) return memo[key] as T;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  const set = (next: T) => {
    memo[key] = next;
    setValue(next);
  };
  return [value, set];
}
