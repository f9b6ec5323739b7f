// Finding and showing nodes of the tree view model in tests.
import { strict as assert } from 'node:assert';
import type { ViewNode } from '../../src/core/view/treeModel';

export const children = (n: ViewNode): ViewNode[] => n.children?.() ?? [];

/** The child labelled `label`, failing with the labels there are. */
export function child(n: ViewNode, label: string): ViewNode {
  const found = children(n).find((c) => c.label === label);
  assert.ok(found, `${n.label} has no child ${label}: ${children(n).map((c) => c.label).join(', ')}`);
  return found;
}

/** A node as shown, without its children function. */
export function shown(n: ViewNode): Omit<ViewNode, 'children'> {
  const { children: _children, ...rest } = n;
  return rest;
}
