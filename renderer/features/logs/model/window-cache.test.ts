import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../shared/contract/logs';
import { WindowCache, windowStart } from './window-cache';

const lines = (from: number, n: number): LogLine[] => Array.from({ length: n }, (_, i) => ({ seq: from + i, time: 0, timed: false, source: 's', level: 'info', format: 'plain', text: `l${from + i}` }));

describe('WindowCache', () => {
  it('finds lines by filter and index, and what is missing', () => {
    const cache = new WindowCache(4);
    cache.put({ filterKey: 'a', offset: 0, lines: lines(0, 200), limit: 200 });
    cache.put({ filterKey: 'a', offset: 200, lines: lines(200, 50), limit: 200 });
    expect(cache.line('a', 199)?.seq).toBe(199);
    expect(cache.line('b', 10)).toBeUndefined();
    expect(cache.covers('a', 150, 250)).toBe(true);
    expect(cache.firstMissing('a', 150, 300)).toBe(250);
  });
  it('forgets the oldest windows past its capacity', () => {
    const cache = new WindowCache(2);
    for (let i = 0; i < 3; i++) cache.put({ filterKey: 'a', offset: i * 10, lines: lines(i * 10, 10), limit: 10 });
    expect(cache.size).toBe(2);
    expect(cache.line('a', 0)).toBeUndefined();
    expect(cache.line('a', 25)?.seq).toBe(25);
  });
  it('drops windows that reached the end when lines arrive, and all when the oldest drop', () => {
    const cache = new WindowCache(4);
    cache.put({ filterKey: 'a', offset: 0, lines: lines(0, 10), limit: 10 });
    cache.put({ filterKey: 'a', offset: 10, lines: lines(10, 4), limit: 10 });
    cache.grew();
    expect(cache.line('a', 5)).toBeDefined();
    expect(cache.line('a', 11)).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
  it('aligns window starts', () => {
    expect(windowStart(0, 200)).toBe(0);
    expect(windowStart(399, 200)).toBe(200);
  });
});
