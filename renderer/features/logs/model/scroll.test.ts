import { describe, expect, it } from 'vitest';
import { atEnd, contentTop, firstRow, MAX_SCROLL_PX, scrollHeight, scrollTopForRow } from './scroll';

describe('scroll mapping', () => {
  it('is one to one while the list fits', () => {
    const g = { rows: 1000, rowHeight: 20, viewport: 400 };
    expect(scrollHeight(g)).toBe(20_000);
    expect(firstRow(410, g)).toEqual({ index: 20, shift: 10 });
    expect(scrollTopForRow(20, g)).toBe(400);
    expect(atEnd(19_600, g)).toBe(true);
  });
  it('scales past the browser limit so the thumb spans every line', () => {
    const g = { rows: 5_000_000, rowHeight: 20, viewport: 400 };
    expect(scrollHeight(g)).toBe(MAX_SCROLL_PX);
    const end = MAX_SCROLL_PX - 400;
    expect(firstRow(end, g).index).toBe(5_000_000 - 20);
    expect(firstRow(0, g).index).toBe(0);
    const mid = scrollTopForRow(2_500_000, g);
    expect(firstRow(mid, g).index).toBeGreaterThanOrEqual(2_499_999);
    expect(firstRow(mid, g).index).toBeLessThanOrEqual(2_500_000);
    expect(contentTop(end * 2, g)).toBe(5_000_000 * 20 - 400);
  });
  it('handles an empty or short list', () => {
    expect(firstRow(0, { rows: 0, rowHeight: 20, viewport: 400 })).toEqual({ index: 0, shift: 0 });
    expect(atEnd(0, { rows: 3, rowHeight: 20, viewport: 400 })).toBe(true);
  });
});
