import { describe, expect, it } from 'vitest';
import { parallelCopy } from './sftp-copy';

describe('parallelCopy', () => {
  const data = Buffer.from(Array.from({ length: 100_003 }, (_, i) => i % 251));
  const source = (maxRead = Infinity) => ({
    read: async (buffer: Buffer, length: number, position: number) => {
      const n = Math.min(length, maxRead, data.length - position);
      data.copy(buffer, 0, position, position + n);
      await new Promise((r) => setTimeout(r, Math.random() * 2));
      return n;
    },
  });

  it('copies every byte to its place, out of order, completing short reads', async () => {
    const out = Buffer.alloc(data.length);
    const progress: number[] = [];
    const copied = await parallelCopy(source(1000), { write: async (b, l, p) => void b.copy(out, p, 0, l) }, { size: data.length, signal: new AbortController().signal, onProgress: (n) => progress.push(n), chunkSize: 4096, concurrency: 8 });
    expect(copied).toBe(data.length);
    expect(out.equals(data)).toBe(true);
    expect(progress.at(-1)).toBe(data.length);
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    const copy = parallelCopy(source(), { write: async () => abort.abort() }, { size: data.length, signal: abort.signal, onProgress: () => {}, chunkSize: 1024, concurrency: 2 });
    await expect(copy).rejects.toThrow(/aborted/);
  });

  it('says so when the source ends early', async () => {
    const short = { read: async () => 0 };
    await expect(parallelCopy(short, { write: async () => {} }, { size: 10, signal: new AbortController().signal, onProgress: () => {} })).rejects.toThrow(/ended early/);
  });
});
