/**
 * Shapes worked out by the thread that reads the entries back (entry-batches.ts) arrive
 * as copies, batch by batch. Interned, each shape is one object for the whole pass, which
 * the statements deriver finds its variant by (a WeakMap), as it does the shaper's own.
 * Bounded like the shaper's caches: a shape forgotten is only interned again.
 */
import { createBoundedCache } from './bounded-cache.js';
import type { Shape } from './statement-shaper.js';

const LIMIT = 50_000;

export type ShapeInterner = (shapes: readonly Shape[]) => Shape[];

export function createShapeInterner(limit = LIMIT): ShapeInterner {
  const known = createBoundedCache<Shape>(limit);
  return (shapes) =>
    shapes.map((shape) => {
      // The fingerprint tells a fallback apart (`x…`), so the two fields settle parseOk too.
      const key = `${shape.fingerprint} ${shape.normalized}`;
      const seen = known.get(key);
      if (seen !== undefined) return seen;
      known.set(key, shape);
      return shape;
    });
}
