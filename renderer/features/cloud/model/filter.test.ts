import { describe, expect, it } from 'vitest';
import { filterInstances, isFiltered, NO_FILTER, parseTagFilter } from './filter';
import { instance } from './testing';

const web1 = instance({ id: 'i-0000000000000web1', name: 'web-1', publicIp: '54.12.3.4', privateIp: '10.0.1.11', tags: { Name: 'web-1', env: 'prod', team: 'shop' } });
const web2 = instance({ id: 'i-0000000000000web2', name: 'web-2', state: 'stopped', privateIp: '10.0.1.12', tags: { Name: 'web-2', env: 'staging' } });
const db = instance({ id: 'i-00000000000000db1', name: 'db-primary', state: 'pending', privateIp: '10.0.9.40', tags: { Name: 'db-primary', env: 'prod', backup: '' } });
const bare = instance({ id: 'i-0abcdef1234567890', name: '', state: 'terminated', tags: {} });
const ALL = [web1, web2, db, bare];
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('state chips', () => {
  it('keeps every state when none is picked', () => {
    expect(filterInstances(ALL, NO_FILTER)).toHaveLength(4);
  });

  it('keeps only the picked states', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, states: ['running', 'pending'] }))).toEqual([web1.id, db.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, states: ['terminated'] }))).toEqual([bare.id]);
  });
});

describe('tag filter', () => {
  it('parses key=value and key alone, separated by commas', () => {
    expect(parseTagFilter('env=prod, team')).toEqual({ terms: [{ key: 'env', value: 'prod' }, { key: 'team' }] });
    expect(parseTagFilter('  ')).toEqual({ terms: [] });
    expect(parseTagFilter('url=a=b')).toEqual({ terms: [{ key: 'url', value: 'a=b' }] });
    expect(parseTagFilter('backup=')).toEqual({ terms: [{ key: 'backup', value: '' }] });
  });

  it('rejects a value without a key', () => {
    expect(parseTagFilter('=prod').error).toMatch(/key/);
  });

  it('matches key=value exactly', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'env=prod' }))).toEqual([web1.id, db.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'env=Prod' }))).toEqual([]);
  });

  it('matches a key alone whatever its value, even empty', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'team' }))).toEqual([web1.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'backup' }))).toEqual([db.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'backup=' }))).toEqual([db.id]);
  });

  it('requires every term', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, tag: 'env=prod,team=shop' }))).toEqual([web1.id]);
  });

  it('filters nothing while the filter does not parse', () => {
    expect(filterInstances(ALL, { ...NO_FILTER, tag: '=x' })).toHaveLength(4);
  });
});

describe('fuzzy search', () => {
  it('matches names fuzzily', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, search: 'web' }))).toEqual([web1.id, web2.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, search: 'dbprim' }))).toEqual([db.id]);
  });

  it('matches ids and addresses', () => {
    expect(ids(filterInstances(ALL, { ...NO_FILTER, search: 'i-0abcdef' }))).toEqual([bare.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, search: '54.12' }))).toEqual([web1.id]);
    expect(ids(filterInstances(ALL, { ...NO_FILTER, search: '10.0.9.40' }))).toEqual([db.id]);
  });

  it('combines with the other filters', () => {
    expect(ids(filterInstances(ALL, { search: 'web', states: ['stopped'], tag: '' }))).toEqual([web2.id]);
    expect(ids(filterInstances(ALL, { search: 'web', states: [], tag: 'env=prod' }))).toEqual([web1.id]);
  });

  it('finds nothing for a query nothing has', () => {
    expect(filterInstances(ALL, { ...NO_FILTER, search: 'zzqx' })).toEqual([]);
  });
});

it('knows when a filter is in force', () => {
  expect(isFiltered(NO_FILTER)).toBe(false);
  expect(isFiltered({ ...NO_FILTER, search: ' ' })).toBe(false);
  expect(isFiltered({ ...NO_FILTER, states: ['running'] })).toBe(true);
  expect(isFiltered({ ...NO_FILTER, tag: 'env' })).toBe(true);
});
