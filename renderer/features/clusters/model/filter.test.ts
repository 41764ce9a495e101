import { describe, expect, it } from 'vitest';
import type { KubeRow } from '../../../../shared/contract/kube';
import { filterRows, RowFilter } from './filter';

const row = (namespace: string, name: string, uid = `${namespace}/${name}`): KubeRow => ({ uid, namespace, name, created: 0, cells: [] });

const ROWS = [
  row('default', 'web-7d9f8c-abc12'),
  row('default', 'nginx-web-1'),
  row('kube-system', 'coredns-5d78c9869d-x2x7p'),
  row('shop', 'checkout-api-66f9-p2x9q'),
  row('monitoring', 'prometheus-k8s-0'),
  row('', 'node-a'),
];
const names = (rows: KubeRow[]) => rows.map((r) => r.name);

describe('fuzzy search', () => {
  it('matches the name fuzzily', () => {
    expect(names(filterRows(ROWS, { namespaces: [], query: 'web' }))).toEqual(['web-7d9f8c-abc12', 'nginx-web-1']);
    expect(names(filterRows(ROWS, { namespaces: [], query: 'cdns' }))).toEqual(['coredns-5d78c9869d-x2x7p']);
    expect(names(filterRows(ROWS, { namespaces: [], query: 'chkapi' }))).toEqual(['checkout-api-66f9-p2x9q']);
  });

  it('matches the namespace too, and cluster-scoped names alone', () => {
    expect(names(filterRows(ROWS, { namespaces: [], query: 'shop/' }))).toEqual(['checkout-api-66f9-p2x9q']);
    expect(names(filterRows(ROWS, { namespaces: [], query: 'node-a' }))).toEqual(['node-a']);
  });

  it('shows everything for a blank query', () => {
    expect(filterRows(ROWS, { namespaces: [], query: '   ' })).toHaveLength(ROWS.length);
  });

  it('finds nothing for a query no name has', () => {
    expect(filterRows(ROWS, { namespaces: [], query: 'zzzz' })).toEqual([]);
  });
});

describe('namespace filter', () => {
  it('keeps the chosen namespaces', () => {
    expect(names(filterRows(ROWS, { namespaces: ['default', 'shop'], query: '' }))).toEqual(['web-7d9f8c-abc12', 'nginx-web-1', 'checkout-api-66f9-p2x9q']);
  });

  it('combines with the search', () => {
    expect(names(filterRows(ROWS, { namespaces: ['default'], query: 'nginx' }))).toEqual(['nginx-web-1']);
    expect(filterRows(ROWS, { namespaces: ['shop'], query: 'nginx' })).toEqual([]);
  });
});

describe('RowFilter caching', () => {
  it('prepares each row once and keeps verdicts by uid across new row objects', () => {
    const filter = new RowFilter();
    filter.set({ namespaces: [], query: 'web' });
    const a = row('default', 'web-1', 'u1');
    expect(filter.matches(a)).toBe(true);
    expect(filter.preparedCount).toBe(1);
    // The same object again after an update (new cells): judged already.
    expect(filter.known({ ...a, cells: ['x'] })).toBe(true);
    expect(filter.matches({ ...a, cells: ['x'] })).toBe(true);
    expect(filter.preparedCount).toBe(1);
  });

  it('judges again when the query changes, but keeps prepared targets', () => {
    const filter = new RowFilter();
    filter.set({ namespaces: [], query: 'web' });
    const a = row('default', 'web-1', 'u1');
    filter.matches(a);
    expect(filter.set({ namespaces: [], query: 'zq' })).toBe(true);
    expect(filter.known(a)).toBe(false);
    expect(filter.matches(a)).toBe(false);
    expect(filter.preparedCount).toBe(1);
    expect(filter.set({ namespaces: [], query: 'zq' })).toBe(false);
  });

  it('forgets a deleted row', () => {
    const filter = new RowFilter();
    filter.set({ namespaces: [], query: 'web' });
    filter.matches(row('default', 'web-1', 'u1'));
    filter.forget('u1');
    expect(filter.preparedCount).toBe(0);
  });
});
