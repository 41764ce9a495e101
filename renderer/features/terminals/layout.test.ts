import { describe, expect, it } from 'vitest';
import { neighbour, paneIds, paneLeaf, removePane, splitPane, type Rect } from './layout';

describe('terminal split layout', () => {
  it('splits a pane beside itself and flattens splits in the same direction', () => {
    let root = paneLeaf('a');
    root = splitPane(root, 'a', 'b', 'horizontal', 's1');
    root = splitPane(root, 'b', 'c', 'horizontal', 's2');
    expect(root).toEqual({
      kind: 'split', id: 's1', orientation: 'horizontal',
      children: [paneLeaf('a'), paneLeaf('b'), paneLeaf('c')],
    });
  });

  it('nests a split in the other direction', () => {
    let root = splitPane(paneLeaf('a'), 'a', 'b', 'horizontal', 's1');
    root = splitPane(root, 'b', 'c', 'vertical', 's2');
    expect(paneIds(root)).toEqual(['a', 'b', 'c']);
    expect(root.kind === 'split' && root.children[1]).toEqual({
      kind: 'split', id: 's2', orientation: 'vertical', children: [paneLeaf('b'), paneLeaf('c')],
    });
  });

  it('collapses a split left with one pane when a pane closes', () => {
    let root = splitPane(paneLeaf('a'), 'a', 'b', 'horizontal', 's1');
    root = splitPane(root, 'b', 'c', 'vertical', 's2');
    const after = removePane(root, 'c');
    expect(after).toEqual({ kind: 'split', id: 's1', orientation: 'horizontal', children: [paneLeaf('a'), paneLeaf('b')] });
    expect(removePane(removePane(after!, 'a')!, 'b')).toBeUndefined();
  });

  it('moves focus to the nearest pane in a direction', () => {
    // a | b
    //   | c
    const rects = new Map<string, Rect>([
      ['a', { left: 0, top: 0, width: 100, height: 200 }],
      ['b', { left: 101, top: 0, width: 100, height: 100 }],
      ['c', { left: 101, top: 101, width: 100, height: 99 }],
    ]);
    expect(neighbour(rects, 'a', 'right')).toBe('b');
    expect(neighbour(rects, 'c', 'left')).toBe('a');
    expect(neighbour(rects, 'b', 'down')).toBe('c');
    expect(neighbour(rects, 'c', 'up')).toBe('b');
    expect(neighbour(rects, 'a', 'left')).toBeUndefined();
    expect(neighbour(rects, 'b', 'right')).toBeUndefined();
  });
});
