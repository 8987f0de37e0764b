import type { BlockedNode } from './blocking-forest.js';

/** The waiter lines a tree draws: one per node, so a session under two blockers twice. */
export function waiterRows(nodes: readonly BlockedNode[]): number {
  return nodes.reduce((n, node) => n + 1 + waiterRows(node.children), 0);
}
