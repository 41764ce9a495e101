import { describe, expect, it } from 'vitest';
import type { KubeColumn, KubeRow } from '../../../../shared/contract/kube';
import { applySorted, makeComparator, numericKey, SPLICE_LIMIT, sortRows, type SortSpec } from './sort';

const COLUMNS: KubeColumn[] = [
  { id: 'name', title: 'Name', type: 'text' },
  { id: 'namespace', title: 'Namespace', type: 'text' },
  { id: 'restarts', title: 'Restarts', type: 'number' },
  { id: 'status', title: 'Status', type: 'status' },
  { id: 'age', title: 'Age', type: 'age' },
];

let seq = 0;
function row(name: string, restarts: number | string | null, created: number, namespace = 'default', status = 'Running'): KubeRow {
  return { uid: `u${++seq}-${name}`, namespace, name, created, cells: [name, namespace, restarts, status, created] };
}

const names = (rows: readonly KubeRow[]) => rows.map((r) => r.name);

describe('sortRows', () => {
  const rows = [row('web-10', 10, 3000), row('web-9', 9, 1000), row('api', '2', 2000), row('db', null, 4000)];

  it('sorts text by code unit, ascending and descending', () => {
    expect(names(sortRows(rows, COLUMNS, { column: 'name', dir: 1 }))).toEqual(['api', 'db', 'web-10', 'web-9']);
    expect(names(sortRows(rows, COLUMNS, { column: 'name', dir: -1 }))).toEqual(['web-9', 'web-10', 'db', 'api']);
  });

  it('sorts numbers numerically (strings too), empty cells last either way', () => {
    expect(names(sortRows(rows, COLUMNS, { column: 'restarts', dir: 1 }))).toEqual(['api', 'web-9', 'web-10', 'db']);
    expect(names(sortRows(rows, COLUMNS, { column: 'restarts', dir: -1 }))).toEqual(['web-10', 'web-9', 'api', 'db']);
  });

  it('sorts age by creation time: ascending is youngest first', () => {
    expect(names(sortRows(rows, COLUMNS, { column: 'age', dir: 1 }))).toEqual(['db', 'web-10', 'api', 'web-9']);
    expect(names(sortRows(rows, COLUMNS, { column: 'age', dir: -1 }))).toEqual(['web-9', 'api', 'web-10', 'db']);
  });

  it('breaks ties by namespace then name', () => {
    const tied = [row('b', 1, 1, 'x'), row('a', 1, 1, 'y'), row('c', 1, 1, 'x')];
    expect(sortRows(tied, COLUMNS, { column: 'restarts', dir: 1 }).map((r) => `${r.namespace}/${r.name}`)).toEqual(['x/b', 'x/c', 'y/a']);
  });

  it('reads numbers out of text', () => {
    expect(numericKey('3 (2m ago)')).toBe(3);
    expect(numericKey('<none>')).toBeNull();
    expect(numericKey(7)).toBe(7);
    expect(numericKey(null)).toBeNull();
  });
});

describe('applySorted (incremental re-sort)', () => {
  const specs: SortSpec[] = [
    { column: 'name', dir: 1 },
    { column: 'restarts', dir: -1 },
    { column: 'age', dir: 1 },
    { column: 'status', dir: 1 },
  ];

  // A deterministic pseudo-random sequence, so a failure reproduces.
  let state = 42;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const statuses = ['Running', 'Pending', 'CrashLoopBackOff', 'Terminating'];
  const randomRow = (i: number) => row(`pod-${Math.floor(random() * 500)}-${i}`, random() < 0.1 ? null : Math.floor(random() * 20), Math.floor(random() * 1e6), `ns-${Math.floor(random() * 5)}`, statuses[Math.floor(random() * 4)]);

  for (const spec of specs) {
    for (const batch of [3, SPLICE_LIMIT + 50]) {
      it(`matches a full sort by ${spec.column} after batches of ${batch} changes`, () => {
        const cmp = makeComparator(COLUMNS, spec);
        const live = new Map<string, KubeRow>();
        for (let i = 0; i < 400; i++) {
          const r = randomRow(i);
          live.set(r.uid, r);
        }
        let sorted = sortRows([...live.values()], COLUMNS, spec);
        for (let round = 0; round < 20; round++) {
          const removed: KubeRow[] = [];
          const added: KubeRow[] = [];
          const uids = [...live.keys()];
          for (let k = 0; k < batch; k++) {
            const pick = random();
            if (pick < 0.3 && uids.length) {
              // delete
              const uid = uids.splice(Math.floor(random() * uids.length), 1)[0]!;
              removed.push(live.get(uid)!);
              live.delete(uid);
            } else if (pick < 0.7 && uids.length) {
              // update in place: same uid, new cells
              const uid = uids.splice(Math.floor(random() * uids.length), 1)[0]!;
              const old = live.get(uid)!;
              const updated: KubeRow = { ...old, cells: [old.name, old.namespace, Math.floor(random() * 20), statuses[Math.floor(random() * 4)]!, old.created] };
              removed.push(old);
              added.push(updated);
              live.set(uid, updated);
            } else {
              const fresh = randomRow(1000 + round * 1000 + k);
              added.push(fresh);
              live.set(fresh.uid, fresh);
            }
          }
          sorted = applySorted(sorted, removed, added, cmp);
          expect(sorted).toEqual(sortRows([...live.values()], COLUMNS, spec));
        }
      });
    }
  }
});
