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
