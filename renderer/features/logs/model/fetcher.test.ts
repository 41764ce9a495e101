import { describe, expect, it } from 'vitest';
import type { LogLine, LogWindow } from '../../../../shared/contract/logs';
import { LineFetcher, WINDOW, type WindowQuery } from './fetcher';

const line = (seq: number): LogLine => ({ seq, time: seq, timed: true, source: 's', level: 'info', format: 'plain', text: `l${seq}` });

function fakeMain(total: number) {
  const calls: WindowQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: (() => void)[] = [];
  const fetch = (q: WindowQuery) => {
    calls.push(q);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<LogWindow>((resolve) => {
      pending.push(() => {
        inFlight--;
        const offset = q.offset < 0 ? Math.max(0, total + q.offset) : q.offset;
        const lines = Array.from({ length: Math.max(0, Math.min(q.limit, total - offset)) }, (_, i) => line(offset + i));
        resolve({ offset, lines, matched: total, total });
      });
    });
  };
  const flush = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { fetch, calls, flush, maxInFlight: () => maxInFlight };
}

describe('LineFetcher', () => {
  it('asks for the screen, then only what scrolled into sight, one request at a time', async () => {
    const main = fakeMain(1_000_000);
    const f = new LineFetcher(main.fetch, () => {}, 0);
    f.show(0, 30);
    await main.flush();
    expect(f.matched).toBe(1_000_000);
    expect(f.line(10)?.seq).toBe(10);
    for (let at = 500_000; at < 500_300; at += 30) f.show(at, at + 30);
    await main.flush();
    expect(main.maxInFlight()).toBe(1);
    expect(f.line(500_290)?.seq).toBe(500_290);
    expect(main.calls.every((c) => c.limit <= WINDOW)).toBe(true);
  });
  it('fetches during a fast fling (throttled), for where the screen is, not only once it stops', async () => {
    const main = fakeMain(1_000_000);
    const f = new LineFetcher(main.fetch, () => {}, 20);
    f.show(0, 30);
    await main.flush();
    const before = main.calls.length;
    // 40 frames, each a jump of 20,000 lines: a fling through the file.
    for (let frame = 1; frame <= 40; frame++) {
      f.show(frame * 20_000, frame * 20_000 + 30);
      await new Promise((r) => setTimeout(r, 5));
      await main.flush();
    }
    const during = main.calls.slice(before);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.length).toBeLessThan(40);
    expect(main.maxInFlight()).toBe(1);
    // Each asked for where the screen was then: forward through the file, never back to a window already passed.
    // (The screen's window, then the margin just before it: both near that frame's position.)
    const frames = during.map((q) => Math.round(q.offset / 20_000));
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    await new Promise((r) => setTimeout(r, 30));
    await main.flush();
    expect(f.line(800_010)?.seq).toBe(800_010);
  });
  it('follows the tail as lines arrive', async () => {
    const main = fakeMain(1000);
    const f = new LineFetcher(main.fetch, () => {}, 0);
    f.setFollow(true);
    await main.flush();
    expect(main.calls[0]).toMatchObject({ offset: -WINDOW, limit: WINDOW });
    expect(f.line(999)?.seq).toBe(999);
    f.grew(false);
    await main.flush();
    expect(main.calls.at(-1)).toMatchObject({ offset: -WINDOW });
  });
  it('forgets the count when the filter changes', async () => {
    const main = fakeMain(100);
    const f = new LineFetcher(main.fetch, () => {}, 0);
    f.show(0, 10);
    await main.flush();
    f.setFilter({ text: [{ text: 'x', regex: false, caseSensitive: false, exclude: false }], levels: [], fields: [], sources: [] });
    expect(f.matched).toBeUndefined();
    await main.flush();
    expect(f.matched).toBe(100);
  });
});
