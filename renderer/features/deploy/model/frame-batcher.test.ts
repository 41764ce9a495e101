import { describe, expect, it } from 'vitest';
import { FrameBatcher, type FrameScheduler } from './frame-batcher';

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request: (cb) => (callbacks.set(next, cb), next++),
    cancel: (h) => void callbacks.delete(h),
  };
  const tick = () => {
    const due = [...callbacks.values()];
    callbacks.clear();
    for (const cb of due) cb();
  };
  return { scheduler, tick, scheduled: () => callbacks.size };
}

describe('FrameBatcher', () => {
  it('delivers everything pushed in a frame once, in order', () => {
    const frames = manualFrames();
    const delivered: number[][] = [];
    const batcher = new FrameBatcher<number>((items) => delivered.push(items), frames.scheduler);
    for (let i = 0; i < 500; i++) batcher.push(i);
    expect(frames.scheduled()).toBe(1);
    expect(delivered).toEqual([]);
    frames.tick();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toHaveLength(500);
    batcher.push(500);
    frames.tick();
    expect(delivered[1]).toEqual([500]);
  });

  it('flushes at once on demand and drops everything on dispose', () => {
    const frames = manualFrames();
    const delivered: string[][] = [];
    const batcher = new FrameBatcher<string>((items) => delivered.push(items), frames.scheduler);
    batcher.push('a');
    batcher.flush();
    expect(delivered).toEqual([['a']]);
    expect(frames.scheduled()).toBe(0);
    batcher.push('b');
    batcher.dispose();
    frames.tick();
    expect(delivered).toEqual([['a']]);
  });
});
