import { describe, expect, it, vi } from 'vitest';
import type { KubeColumn, KubeRow, ViewEvent } from '../../../../shared/contract/kube';
import { RowStore, rowKey } from './row-store';
import { sortRows } from './sort';
import { ManualScheduler } from './test-scheduler';

// Watched, not replaced: the 50,000-row test counts the full sorts churn causes.
vi.mock('./sort', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./sort')>();
  return { ...actual, sortRows: vi.fn(actual.sortRows) };
});

const COLUMNS: KubeColumn[] = [
  { id: 'name', title: 'Name', type: 'text' },
  { id: 'namespace', title: 'Namespace', type: 'text' },
  { id: 'status', title: 'Status', type: 'status' },
  { id: 'restarts', title: 'Restarts', type: 'number' },
  { id: 'age', title: 'Age', type: 'age' },
];

const pod = (uid: string, name: string, restarts = 0, namespace = 'default', status = 'Running'): KubeRow => ({
  uid,
  namespace,
  name,
  created: 1_000_000 + Number(uid.replace(/\D/g, '') || 0),
  cells: [name, namespace, status, restarts, 1_000_000 + Number(uid.replace(/\D/g, '') || 0)],
});

function setup(options: { largeRows?: number } = {}) {
  const scheduler = new ManualScheduler();
  const acks: number[] = [];
  const store = new RowStore({ scheduler, largeRows: options.largeRows ?? 5000, throttleMs: 250, sliceMs: 4, onConsumed: (n) => acks.push(n) });
  const push = (event: ViewEvent) => store.push(event, event.type === 'rows' ? event.upserts.length + event.deletes.length : 1);
  push({ type: 'columns', columns: COLUMNS });
  push({ type: 'reset' });
  return { scheduler, store, acks, push };
}

const names = (store: RowStore) => store.visible.map((r) => r.name);

describe('RowStore: diffs', () => {
  it('applies upserts and deletes by uid, once a frame', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'web-b'), pod('u2', 'web-a'), pod('u3', 'db')], deletes: [] });
    expect(store.visible).toHaveLength(0); // not before the frame
    scheduler.advance(0);
    expect(names(store)).toEqual(['db', 'web-a', 'web-b']);

    push({ type: 'rows', upserts: [pod('u2', 'web-a', 5, 'default', 'CrashLoopBackOff')], deletes: ['u3'] });
    push({ type: 'rows', upserts: [pod('u4', 'api')], deletes: ['nope'] });
    scheduler.advance(0);
    expect(names(store)).toEqual(['api', 'web-a', 'web-b']);
    expect(store.rows.get('u2')!.cells[2]).toBe('CrashLoopBackOff');
    expect(store.total).toBe(3);
  });

  it('takes the latest of several updates to one row between frames', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'a', 1)], deletes: [] });
    scheduler.advance(0);
    push({ type: 'rows', upserts: [pod('u1', 'a', 2)], deletes: [] });
    push({ type: 'rows', upserts: [pod('u1', 'a', 3)], deletes: [] });
    push({ type: 'rows', upserts: [], deletes: ['u1'] });
    push({ type: 'rows', upserts: [pod('u1', 'a', 4)], deletes: [] });
    scheduler.advance(0);
    expect(store.visible).toHaveLength(1);
    expect(store.visible[0]!.cells[3]).toBe(4);
  });

  it('drops every row on reset and starts over', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'a'), pod('u2', 'b')], deletes: [] });
    scheduler.advance(0);
    push({ type: 'reset' });
    push({ type: 'rows', upserts: [pod('u3', 'c')], deletes: [] });
    scheduler.advance(0);
    expect(names(store)).toEqual(['c']);
    expect(store.rowByKey('default/a')).toBeUndefined();
  });

  it('acknowledges what it has applied, in the units main counted', () => {
    const { scheduler, push, acks } = setup();
    scheduler.advance(0);
    push({ type: 'rows', upserts: [pod('u1', 'a'), pod('u2', 'b')], deletes: ['x'] });
    push({ type: 'status', phase: 'watching', count: 2 });
    expect(acks.reduce((a, b) => a + b, 0)).toBe(2); // columns + reset
    scheduler.advance(0);
    expect(acks.reduce((a, b) => a + b, 0)).toBe(2 + 3 + 1);
  });

  it('keeps the status, and counts down from when it arrived', () => {
    const { scheduler, store, push } = setup();
    scheduler.advance(100);
    push({ type: 'status', phase: 'backoff', count: 0, message: 'connection refused', retryInMs: 4000 });
    expect(store.status).toEqual({ phase: 'backoff', count: 0, message: 'connection refused', retryInMs: 4000, at: 100 });
  });

  it('finds a row by namespace/name without scanning', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'b'), pod('u2', 'a'), pod('u3', 'c', 0, 'other')], deletes: [] });
    scheduler.advance(0);
    expect(store.indexOfKey('default/b')).toBe(1);
    expect(store.indexOfKey('other/c')).toBe(2);
    expect(store.indexOfKey('default/zzz')).toBe(-1);
    expect(rowKey(store.rowByKey('other/c')!)).toBe('other/c');
  });
});

describe('RowStore: sorting', () => {
  it('re-sorts on request, numerically and by age', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'a', 10), pod('u2', 'b', 9), pod('u3', 'c', 100)], deletes: [] });
    scheduler.advance(0);
    store.setSort({ column: 'restarts', dir: -1 });
    expect(names(store)).toEqual(['c', 'a', 'b']);
    store.setSort({ column: 'age', dir: 1 });
    expect(names(store)).toEqual(['c', 'b', 'a']); // u3 was created last
  });

  it('keeps rows in order as they change, without a full sort for small diffs', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: Array.from({ length: 100 }, (_, i) => pod(`u${i}`, `pod-${i}`, i % 7)), deletes: [] });
    scheduler.advance(0);
    store.setSort({ column: 'restarts', dir: 1 });
    const before = store.visible;
    push({ type: 'rows', upserts: [pod('u5', 'pod-5', 99), pod('u200', 'pod-200', 3)], deletes: ['u7'] });
    scheduler.advance(0);
    expect(store.visible).toBe(before); // spliced in place
    expect(store.visible).toEqual(sortRows([...store.rows.values()], COLUMNS, { column: 'restarts', dir: 1 }));
    expect(store.visible.at(-1)!.name).toBe('pod-5');
  });

  it('throttles a large table: at most one update every 250 ms under churn', () => {
    const { scheduler, store, push } = setup({ largeRows: 1000 });
    push({ type: 'rows', upserts: Array.from({ length: 2000 }, (_, i) => pod(`u${i}`, `pod-${i}`)), deletes: [] });
    scheduler.advance(0);
    let updates = 0;
    store.subscribe(() => updates++);
    // 100 events a second for two seconds.
    for (let t = 0; t < 200; t++) {
      push({ type: 'rows', upserts: [pod(`u${t}`, `pod-${t}`, t)], deletes: [] });
      scheduler.advance(10);
    }
    scheduler.drain();
    expect(updates).toBeLessThanOrEqual(9);
    expect(updates).toBeGreaterThanOrEqual(7);
    expect(store.rows.get('u199')!.cells[3]).toBe(199);
    expect(store.visible.find((r) => r.uid === 'u199')!.cells[3]).toBe(199);
  });

  it('updates a small table every frame', () => {
    const { scheduler, store, push } = setup({ largeRows: 1000 });
    let updates = 0;
    store.subscribe(() => updates++);
    for (let t = 0; t < 10; t++) {
      push({ type: 'rows', upserts: [pod(`u${t}`, `pod-${t}`)], deletes: [] });
      scheduler.advance(16);
    }
    expect(updates).toBe(10);
  });
});

describe('RowStore: filtering', () => {
  it('filters by namespace and search, and keeps the filter as rows change', () => {
    const { scheduler, store, push } = setup();
    push({
      type: 'rows',
      upserts: [pod('u1', 'web-1', 0, 'shop'), pod('u2', 'web-2', 0, 'default'), pod('u3', 'db-0', 0, 'shop'), pod('u4', 'cache', 0, 'shop')],
      deletes: [],
    });
    scheduler.advance(0);
    store.setFilter({ namespaces: ['shop'], query: '' });
    expect(names(store)).toEqual(['cache', 'db-0', 'web-1']);
    store.setFilter({ namespaces: ['shop'], query: 'web' });
    expect(names(store)).toEqual(['web-1']);
    push({ type: 'rows', upserts: [pod('u5', 'web-3', 0, 'shop'), pod('u6', 'web-4', 0, 'default')], deletes: ['u1'] });
    scheduler.advance(0);
    expect(names(store)).toEqual(['web-3']);
    expect(store.total).toBe(5);
    store.setFilter({ namespaces: [], query: '' });
    expect(names(store)).toEqual(['cache', 'db-0', 'web-2', 'web-3', 'web-4']);
  });

  it('works through a search over many rows in slices, then shows the result', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: Array.from({ length: 6000 }, (_, i) => pod(`u${i}`, i % 1000 === 0 ? `special-${i}` : `pod-${i}`)), deletes: [] });
    scheduler.advance(0);
    store.setFilter({ namespaces: [], query: 'special' });
    expect(store.filtering).toBe(true);
    expect(store.visible).toHaveLength(6000); // the old result until the new one is ready
    // Meanwhile a row arrives that matches.
    push({ type: 'rows', upserts: [pod('u9999', 'special-new')], deletes: [] });
    scheduler.drain();
    expect(store.filtering).toBe(false);
    expect(names(store)).toEqual(['special-0', 'special-1000', 'special-2000', 'special-3000', 'special-4000', 'special-5000', 'special-new']);
  });

  it('prepares search targets in the background', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: Array.from({ length: 3000 }, (_, i) => pod(`u${i}`, `pod-${i}`)), deletes: [] });
    scheduler.advance(0);
    store.warmSearch();
    scheduler.drain();
    store.setFilter({ namespaces: [], query: 'pod-29' });
    expect(store.filtering).toBe(false); // prepared targets are quick to judge: no slicing
    expect(store.visible.length).toBeGreaterThan(0);
  });

  it('lists the namespaces present', () => {
    const { scheduler, store, push } = setup();
    push({ type: 'rows', upserts: [pod('u1', 'a', 0, 'b-ns'), pod('u2', 'b', 0, 'a-ns'), pod('u3', 'c', 0, 'b-ns')], deletes: [] });
    scheduler.advance(0);
    expect(store.namespaces()).toEqual(['a-ns', 'b-ns']);
  });
});

describe('RowStore at 50,000 rows', () => {
  it('applies churn to a large sorted, filtered table without a full sort', () => {
    const { scheduler, store, push } = setup();
    const N = 50_000;
    for (let start = 0; start < N; start += 5000) {
      push({ type: 'rows', upserts: Array.from({ length: 5000 }, (_, i) => pod(`u${start + i}`, `pod-${(start + i).toString(36)}`, (start + i) % 13, `ns-${(start + i) % 40}`)), deletes: [] });
      scheduler.advance(250);
    }
    scheduler.drain();
    expect(store.visible).toHaveLength(N);
    store.setSort({ column: 'restarts', dir: -1 });
    store.setFilter({ namespaces: ['ns-1', 'ns-2'], query: '' });
    expect(store.visible).toHaveLength(2500);
    const sorts = vi.mocked(sortRows);
    sorts.mockClear();
    for (let t = 0; t < 100; t++) {
      push({ type: 'rows', upserts: [pod(`u${t * 37}`, `pod-${(t * 37).toString(36)}`, 50 + t, `ns-${(t * 37) % 40}`)], deletes: [`u${N - 1 - t}`] });
      scheduler.advance(10);
    }
    scheduler.drain();
    // A second of churn costs a few insertions, not a sort of the table per event.
    const largest = Math.max(0, ...sorts.mock.calls.map(([rows]) => rows.length));
    expect(sorts).toHaveBeenCalled();
    expect(largest).toBeLessThan(100);
    expect(store.total).toBe(N - 100);
    expect(store.visible).toEqual(sortRows([...store.rows.values()], COLUMNS, { column: 'restarts', dir: -1 }).filter((r) => r.namespace === 'ns-1' || r.namespace === 'ns-2'));
  });
});
