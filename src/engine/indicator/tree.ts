import type { IndicatorNode } from './types';

/** The leaves (末级指标) under a node, top to bottom; a node without children is its own leaf. */
export function leavesOf(n: IndicatorNode): IndicatorNode[] {
  return n.children.length === 0 ? [n] : n.children.flatMap(leavesOf);
}

/** Visits a node and everything under it, parents before children, with each node's parent. */
export function walk(
  n: IndicatorNode,
  visit: (n: IndicatorNode, parent?: IndicatorNode) => void,
  parent?: IndicatorNode,
): void {
  visit(n, parent);
  for (const ch of n.children) walk(ch, visit, n);
}
