// Next/previous highlight match without loading the lines in between: the
// matches are the lines of (filter + the term) — a subset of the filter's
// lines, in the same order — found by binary search on `seq`.

/** Reads the seq of the line at `offset` of a sorted list (undefined: past its end). */
export type SeqAt = (offset: number) => Promise<number | undefined>;

/** The first offset in [0, count) whose seq is > `after` (direction 1) or the last whose seq is < `before` (-1); -1 when none. */
export async function findBySeq(seqAt: SeqAt, count: number, seq: number, direction: 1 | -1): Promise<number> {
  let lo = 0;
  let hi = count; // first offset with seq > target (dir 1) / with seq >= target (dir -1)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = await seqAt(mid);
    if (s === undefined) {
      hi = mid;
      continue;
    }
    if (direction === 1 ? s <= seq : s < seq) lo = mid + 1;
    else hi = mid;
  }
  if (direction === 1) return lo < count ? lo : -1;
  return lo - 1;
}

/** The offset of the line `seq` among a sorted list (or where it would be). */
export async function offsetOfSeq(seqAt: SeqAt, count: number, seq: number): Promise<number> {
  const before = await findBySeq(seqAt, count, seq, -1);
  return before + 1;
}
