import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './batcher';

describe('OutputBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('joins chunks that arrive within the delay into one flush', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 5, 1000);
    batcher.push('a');
    batcher.push('b');
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(flushed).toEqual(['ab']);
  });

  it('flushes at once when the size limit is reached', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 5, 4);
    batcher.push('ab');
    batcher.push('cd');
    expect(flushed).toEqual(['abcd']);
    batcher.push('e');
    vi.advanceTimersByTime(5);
    expect(flushed).toEqual(['abcd', 'e']);
  });
});
