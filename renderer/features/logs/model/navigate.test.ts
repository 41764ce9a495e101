import { describe, expect, it } from 'vitest';
import { findBySeq, offsetOfSeq } from './navigate';

const seqs = [3, 8, 15, 16, 40, 41];
const seqAt = (offset: number) => Promise.resolve(seqs[offset]);

describe('findBySeq', () => {
  it('finds the next and previous match around a line', async () => {
    expect(await findBySeq(seqAt, seqs.length, 15, 1)).toBe(3);
    expect(await findBySeq(seqAt, seqs.length, 15, -1)).toBe(1);
    expect(await findBySeq(seqAt, seqs.length, 41, 1)).toBe(-1);
    expect(await findBySeq(seqAt, seqs.length, 3, -1)).toBe(-1);
    expect(await offsetOfSeq(seqAt, seqs.length, 40)).toBe(4);
  });
});
