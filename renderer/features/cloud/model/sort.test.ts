import { describe, expect, it } from 'vitest';
import { ipKey, nextSort, sortInstances, tagText } from './sort';
import { instance } from './testing';

const a = instance({ id: 'i-000000000000000a1', name: 'web-10', type: 't3.large', state: 'stopped', region: 'us-east-1', publicIp: '3.9.1.1', privateIp: '10.0.10.1', launchTime: 1000, tags: { Name: 'web-10', env: 'prod' } });
const b = instance({ id: 'i-000000000000000b2', name: 'web-9', type: 't3.micro', state: 'running', region: 'eu-west-1', privateIp: '10.0.2.9', launchTime: 3000, keyName: 'ops', tags: { Name: 'web-9' } });
const c = instance({ id: 'i-000000000000000c3', name: 'api', type: 'm5.xlarge', state: 'pending', region: 'eu-west-1', publicIp: '18.1.1.1', privateIp: '10.0.1.200', launchTime: null, tags: { Name: 'api', app: 'api' } });
const d = instance({ id: 'i-000000000000000d4', name: '', type: 't3.micro', state: 'terminated', region: 'ap-south-1', launchTime: 2000, tags: {} });
const ALL = [a, b, c, d];
const order = (column: Parameters<typeof sortInstances>[1]['column'], dir: 1 | -1 = 1) => sortInstances(ALL, { column, dir }).map((i) => i.name || i.id);

describe('sortInstances', () => {
  it('sorts names naturally (web-9 before web-10), empty names last either way', () => {
    expect(order('name')).toEqual(['api', 'web-9', 'web-10', d.id]);
    expect(order('name', -1)).toEqual(['web-10', 'web-9', 'api', d.id]);
  });

  it('sorts states running first, terminated last', () => {
    expect(order('state')).toEqual(['web-9', 'api', 'web-10', d.id]);
    expect(order('state', -1)).toEqual([d.id, 'web-10', 'api', 'web-9']);
  });

  it('sorts IPv4 addresses numerically, missing ones last', () => {
    expect(order('privateIp')).toEqual(['api', 'web-9', 'web-10', d.id]);
    expect(order('publicIp')).toEqual(['web-10', 'api', 'web-9', d.id]);
    expect(order('publicIp', -1)).toEqual(['api', 'web-10', 'web-9', d.id]);
  });

  it('sorts by age: ascending is youngest first, unknown launch times last', () => {
    expect(order('launchTime')).toEqual(['web-9', d.id, 'web-10', 'api']);
    expect(order('launchTime', -1)).toEqual(['web-10', d.id, 'web-9', 'api']);
  });

  it('breaks ties by name then id, so polls do not reshuffle rows', () => {
    expect(order('type')).toEqual(['api', 'web-10', 'web-9', d.id]);
    expect(order('region')).toEqual([d.id, 'api', 'web-9', 'web-10']);
  });

  it('sorts by tags (the Name tag aside), untagged last', () => {
    expect(order('tags')).toEqual(['api', 'web-10', 'web-9', d.id]);
  });

  it('does not change the array it is given', () => {
    const copy = [...ALL];
    sortInstances(ALL, { column: 'name', dir: -1 });
    expect(ALL).toEqual(copy);
  });
});

it('reads IPv4 as a number and anything else as text', () => {
  expect(ipKey('10.0.0.1')).toBe(167772161);
  expect(ipKey(undefined)).toBeNull();
  expect(ipKey('2001:db8::1')).toBe('2001:db8::1');
});

it('shows tags as key=value, Name aside', () => {
  expect(tagText({ Name: 'x', team: 'shop', env: 'prod', flag: '' })).toBe('env=prod, flag, team=shop');
});

it('reverses the sorted column, and starts another ascending', () => {
  expect(nextSort({ column: 'name', dir: 1 }, 'name')).toEqual({ column: 'name', dir: -1 });
  expect(nextSort({ column: 'name', dir: -1 }, 'type')).toEqual({ column: 'type', dir: 1 });
});
