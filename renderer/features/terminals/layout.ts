// The split layout of one terminal tab as a tree: leaves are panes, inner
// nodes split their children side by side (horizontal) or stacked (vertical).
// Pure functions, so the tree is easy to test and to keep in the store.
export type Orientation = 'horizontal' | 'vertical';
export type LayoutNode =
  | { kind: 'pane'; paneId: string }
  | { kind: 'split'; id: string; orientation: Orientation; children: LayoutNode[] };

export type Direction = 'left' | 'right' | 'up' | 'down';
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function paneLeaf(paneId: string): LayoutNode {
  return { kind: 'pane', paneId };
}

export function paneIds(node: LayoutNode): string[] {
  return node.kind === 'pane' ? [node.paneId] : node.children.flatMap(paneIds);
}

/**
 * Put `newPaneId` beside `paneId`. Splitting in the orientation of the parent
 * adds a sibling instead of nesting, so three side-by-side panes stay one row.
 */
export function splitPane(root: LayoutNode, paneId: string, newPaneId: string, orientation: Orientation, splitId: string): LayoutNode {
  const leaf = paneLeaf(newPaneId);
  const visit = (node: LayoutNode): LayoutNode => {
    if (node.kind === 'pane') {
      return node.paneId === paneId ? { kind: 'split', id: splitId, orientation, children: [node, leaf] } : node;
    }
    const index = node.children.findIndex((child) => child.kind === 'pane' && child.paneId === paneId);
    if (index >= 0 && node.orientation === orientation) {
      const children = [...node.children];
      children.splice(index + 1, 0, leaf);
      return { ...node, children };
    }
    return { ...node, children: node.children.map(visit) };
  };
  return visit(root);
}

/** The tree without `paneId`; a split left with one child is replaced by it. Undefined when nothing is left. */
export function removePane(root: LayoutNode, paneId: string): LayoutNode | undefined {
  if (root.kind === 'pane') return root.paneId === paneId ? undefined : root;
  const children = root.children.map((child) => removePane(child, paneId)).filter((c): c is LayoutNode => c !== undefined);
  if (children.length === 0) return undefined;
  if (children.length === 1) return children[0];
  return { ...root, children };
}

/**
 * The pane to move to from `from` in `direction`, judged on the panes' screen
 * rectangles: the nearest one whose extent overlaps on the other axis.
 */
export function neighbour(rects: Map<string, Rect>, from: string, direction: Direction): string | undefined {
  const origin = rects.get(from);
  if (!origin) return undefined;
  const horizontal = direction === 'left' || direction === 'right';
  let best: { id: string; distance: number; offset: number } | undefined;
  for (const [id, rect] of rects) {
    if (id === from) continue;
    const gap =
      direction === 'right' ? rect.left - (origin.left + origin.width)
      : direction === 'left' ? origin.left - (rect.left + rect.width)
      : direction === 'down' ? rect.top - (origin.top + origin.height)
      : origin.top - (rect.top + rect.height);
    if (gap < -2) continue; // not on that side
    const overlap = horizontal
      ? Math.min(origin.top + origin.height, rect.top + rect.height) - Math.max(origin.top, rect.top)
      : Math.min(origin.left + origin.width, rect.left + rect.width) - Math.max(origin.left, rect.left);
    if (overlap <= 0) continue;
    const offset = horizontal ? Math.abs(rect.top - origin.top) : Math.abs(rect.left - origin.left);
    if (!best || gap < best.distance - 1 || (Math.abs(gap - best.distance) <= 1 && offset < best.offset)) {
      best = { id, distance: gap, offset };
    }
  }
  return best?.id;
}
