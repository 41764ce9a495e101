// Sorting table rows by any column, and keeping a sorted array sorted as
// diffs arrive without sorting it again: a few changes are spliced in by
// binary search, many are merged in one linear pass.
import type { KubeColumn, KubeRow } from '../../../../shared/contract/kube';

export interface SortSpec {
  column: string;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export type SortKey = number | string | null;
export type RowComparator = (a: KubeRow, b: KubeRow) => number;

/** Numbers sort as numbers: "12" after "9", "3 (2m ago)" as 3; nothing numeric sorts last. */
export function numericKey(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (value === null || value === undefined || value === '') return null;
  const n = parseFloat(value);
  return Number.isNaN(n) ? null : n;
}

/**
 * How to read a row's sort key for a column. Age sorts by creation time, so
 * ascending age (youngest first) is descending creation time.
 */
export function sortKeyOf(columns: readonly KubeColumn[], column: string): (row: KubeRow) => SortKey {
  const index = columns.findIndex((c) => c.id === column);
  const type = index >= 0 ? columns[index]!.type : column === 'age' ? 'age' : 'text';
  if (index < 0) {
    if (column === 'namespace') return (row) => row.namespace;
    if (column === 'age') return (row) => (row.created ? -row.created : null);
    return (row) => row.name;
  }
  switch (type) {
    case 'number':
      return (row) => numericKey(row.cells[index]);
    case 'age':
      return (row) => {
        const cell = row.cells[index];
        const created = typeof cell === 'number' ? cell : row.created;
        return created ? -created : null;
      };
    default:
      return (row) => {
        const cell = row.cells[index];
        return cell === null || cell === undefined ? null : String(cell);
      };
  }
}

function compareKeys(a: SortKey, b: SortKey, dir: 1 | -1): number {
  // Empty cells go last whichever way the column sorts.
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (a === b) return 0;
  if (typeof a === typeof b) return (a < b ? -1 : 1) * dir;
  // A column that mixes numbers and words: numbers first.
  return (typeof a === 'number' ? -1 : 1) * dir;
}

/** Ties are broken by namespace, name and uid, so every row has exactly one place. */
function tieBreak(a: KubeRow, b: KubeRow): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return 0;
}

export function makeComparator(columns: readonly KubeColumn[], spec: SortSpec): RowComparator {
  const key = sortKeyOf(columns, spec.column);
  return (a, b) => compareKeys(key(a), key(b), spec.dir) || tieBreak(a, b);
}

/** A full sort; each key is read once (decorate, sort, undecorate). */
export function sortRows(rows: readonly KubeRow[], columns: readonly KubeColumn[], spec: SortSpec): KubeRow[] {
  const key = sortKeyOf(columns, spec.column);
  const decorated = rows.map((row) => ({ k: key(row), row }));
  decorated.sort((a, b) => compareKeys(a.k, b.k, spec.dir) || tieBreak(a.row, b.row));
  return decorated.map((d) => d.row);
}

/** Where `row` is, or would go, in `sorted` (binary search). */
export function lowerBound(sorted: readonly KubeRow[], row: KubeRow, cmp: RowComparator): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(sorted[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(sorted: KubeRow[], row: KubeRow, cmp: RowComparator): void {
  sorted.splice(lowerBound(sorted, row, cmp), 0, row);
}

/** Remove this very row object; false if it was not there. */
export function removeSorted(sorted: KubeRow[], row: KubeRow, cmp: RowComparator): boolean {
  const at = lowerBound(sorted, row, cmp);
  if (sorted[at] === row) {
    sorted.splice(at, 1);
    return true;
  }
  // Only a comparator that changed under the array would get here; stay correct anyway.
  const index = sorted.indexOf(row);
  if (index < 0) return false;
  sorted.splice(index, 1);
  return true;
}

/** Up to this many changes are spliced in one by one; more are merged in one pass. */
export const SPLICE_LIMIT = 32;
/** From this many incoming rows on, they are merged in rather than placed by binary search. */
export const MERGE_FROM = 2048;

/** Where this very row object is in `sorted`, or -1. */
function indexOfRow(sorted: readonly KubeRow[], row: KubeRow, cmp: RowComparator): number {
  const at = lowerBound(sorted, row, cmp);
  return sorted[at] === row ? at : sorted.indexOf(row);
}

/**
 * Apply a batch of changes to a sorted array: `removed` are row objects in it,
 * `added` are rows to put in. Returns the sorted array (the same one, changed
 * in place, for a few changes; a new one otherwise). Either way the cost is
 * a binary search per change plus, at most, one copy of the array: the
 * comparator never runs over every row.
 */
export function applySorted(
  sorted: KubeRow[],
  removed: readonly KubeRow[],
  added: readonly KubeRow[],
  cmp: RowComparator,
  /** Sorts the incoming rows; `sortRows` (keys read once) beats the comparator for many rows. */
  sortIncoming: (rows: readonly KubeRow[]) => KubeRow[] = (rows) => [...rows].sort(cmp),
): KubeRow[] {
  if (removed.length + added.length <= SPLICE_LIMIT) {
    for (const row of removed) removeSorted(sorted, row, cmp);
    for (const row of added) insertSorted(sorted, row, cmp);
    return sorted;
  }
  let kept: KubeRow[];
  if (removed.length === 0) kept = sorted;
  else if (removed.length > MERGE_FROM) {
    const gone = new Set(removed);
    kept = sorted.filter((row) => !gone.has(row));
  } else {
    // Where the removed rows are, ascending; then the rows between them, in one copy.
    const gone = removed.map((row) => indexOfRow(sorted, row, cmp)).filter((at) => at >= 0);
    gone.sort((a, b) => a - b);
    kept = new Array(sorted.length - gone.length);
    let k = 0;
    let from = 0;
    for (const at of gone) {
      if (at < from) continue; // the same row twice
      for (let i = from; i < at; i++) kept[k++] = sorted[i]!;
      from = at + 1;
    }
    for (let i = from; i < sorted.length; i++) kept[k++] = sorted[i]!;
    kept.length = k;
  }
  const incoming = sortIncoming(added);
  const out: KubeRow[] = new Array(kept.length + incoming.length);
  let o = 0;
  let next = 0;
  if (incoming.length <= MERGE_FROM) {
    // Each incoming row's place among the kept ones (ascending, as they are sorted), then one copy.
    for (const row of incoming) {
      const at = lowerBound(kept, row, cmp);
      for (let i = next; i < at; i++) out[o++] = kept[i]!;
      next = Math.max(next, at);
      out[o++] = row;
    }
  } else {
    // Many rows at once (a table filling up): a two-way merge is cheaper than that many searches.
    let j = 0;
    while (next < kept.length && j < incoming.length) out[o++] = cmp(kept[next]!, incoming[j]!) <= 0 ? kept[next++]! : incoming[j++]!;
    while (j < incoming.length) out[o++] = incoming[j++]!;
  }
  for (let i = next; i < kept.length; i++) out[o++] = kept[i]!;
  return out;
}
