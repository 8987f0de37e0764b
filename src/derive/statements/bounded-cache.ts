/**
 * A Map that keeps at most `limit` entries, roughly least-recently-used: two
 * generations, the older one dropped whole when the newer fills up, and a hit
 * in the older one moves the entry forward. O(1) per call, no per-hit
 * bookkeeping on the hot path (a hit in the newer generation is one Map.get).
 */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

export function createBoundedCache<V>(limit: number): BoundedCache<V> {
  const generation = Math.max(1, Math.floor(limit / 2));
  let current = new Map<string, V>();
  let previous = new Map<string, V>();

  function set(key: string, value: V): void {
    if (current.size >= generation) {
      previous = current;
      current = new Map();
    }
    current.set(key, value);
  }

  return {
    get(key) {
      const hit = current.get(key);
      if (hit !== undefined) return hit;
      const old = previous.get(key);
      if (old !== undefined) set(key, old);
      return old;
    },
    set,
  };
}
