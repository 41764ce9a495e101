import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './batcher';

describe('OutputBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first output after a quiet spell at once (a keystroke echo is not delayed)', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 5, 1000);
    batcher.push('a');
    expect(flushed).toEqual(['a']);
    vi.advanceTimersByTime(50);
    batcher.push('b');
    expect(flushed).toEqual(['a', 'b']);
  });

  it('joins chunks of a continuing stream that arrive within the delay into one flush', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 5, 1000);
    batcher.push('a'); // leading edge
    batcher.push('b');
    batcher.push('c');
    expect(flushed).toEqual(['a']);
    vi.advanceTimersByTime(5);
    expect(flushed).toEqual(['a', 'bc']);
  });

  it('flushes at once when the size limit is reached', () => {
    vi.useFakeTimers();
    const flushed: string[] = [];
    const batcher = new OutputBatcher((d) => flushed.push(d), 5, 4);
    batcher.push('x'); // leading edge
    batcher.push('ab');
    batcher.push('cd');
    expect(flushed).toEqual(['x', 'abcd']);
    batcher.push('e');
    vi.advanceTimersByTime(5);
    expect(flushed).toEqual(['x', 'abcd', 'e']);
  });
});
