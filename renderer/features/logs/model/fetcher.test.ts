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
  it('fetches during a fast fling (throttled) where the screen is going, never where it has been, and the screen once it stops', async () => {
    const main = fakeMain(1_000_000);
    let screen = 0;
    const asked: { offset: number; screen: number }[] = [];
    const f = new LineFetcher((q) => (asked.push({ offset: q.offset, screen }), main.fetch(q)), () => {}, 20);
    f.show(0, 30);
    await main.flush();
    const before = asked.length;
    // 40 frames, each a jump of 20,000 lines: a fling through the file.
    for (let frame = 1; frame <= 40; frame++) {
      screen = frame * 20_000;
      f.show(screen, screen + 30);
      await new Promise((r) => setTimeout(r, 5));
      await main.flush();
    }
    const during = asked.slice(before);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.length).toBeLessThan(40);
    expect(main.maxInFlight()).toBe(1);
    // Each asked for where the screen was going: ahead of it, in order, never a window it had passed.
    for (const q of during) expect(q.offset).toBeGreaterThanOrEqual(q.screen - WINDOW);
    expect(during.map((q) => q.offset)).toEqual([...during.map((q) => q.offset)].sort((x, y) => x - y));
    // Stopped: the screen itself is fetched.
    await new Promise((r) => setTimeout(r, 80));
    await main.flush();
    expect(f.line(800_010)?.seq).toBe(800_010);
  });

  it('has the rows ready in most frames of a steady fling, where fetching what is on screen would always be a round trip late', async () => {
    // 300 rows a frame (16 ms), answers after 12 ms: the screen's own window would arrive when the screen has moved on.
    const run = async (predict: boolean) => {
      let clock = 0;
      const pending: { at: number; done: () => void }[] = [];
      const f = new LineFetcher(
        (q) =>
          new Promise<LogWindow>((resolve) => {
            const offset = Math.max(0, q.offset);
            pending.push({ at: clock + 12, done: () => resolve({ offset, lines: Array.from({ length: q.limit }, (_, i) => line(offset + i)), matched: 1_000_000, total: 1_000_000 }) });
          }),
        () => {},
        0,
        () => (predict ? clock : 0),
      );
      let ready = 0;
      for (let frame = 0; frame < 120; frame++) {
        clock = frame * 16;
        // What has been answered by this frame, then the frame: are its rows there?
        while (pending[0] && pending[0].at <= clock) {
          pending.shift()!.done();
          await new Promise((r) => setTimeout(r, 0));
        }
        const from = frame * 300;
        f.show(from, from + 30);
        if (frame >= 10 && f.line(from) && f.line(from + 29)) ready++;
      }
      return ready / 110;
    };
    const ahead = await run(true);
    const behind = await run(false);
    expect(ahead).toBeGreaterThan(0.6);
    expect(behind).toBeLessThan(0.2);
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
