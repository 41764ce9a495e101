import { describe, expect, it } from 'vitest';
import { visibleBounds } from './window-state';

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('restores bounds that are on a display', () => {
    expect(visibleBounds({ x: 100, y: 100, width: 1200, height: 800, maximized: false }, screen)).toEqual({ x: 100, y: 100, width: 1200, height: 800 });
  });
  it('ignores bounds on a display that is gone', () => {
    expect(visibleBounds({ x: 2500, y: 100, width: 1200, height: 800, maximized: false }, screen)).toBeUndefined();
  });
});
