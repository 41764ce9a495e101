import { expect, it } from 'vitest';
import type { Host } from '../../../../shared/contract/hosts';
import { hostFor } from './hosts';
import { instance } from './testing';

const host = (id: string, hostname: string): Host => ({ id, hostname, port: 22, user: 'ec2-user', source: 'inventory', groups: [], tags: [], notes: '' });
const web = instance({ id: 'i-0123456789abcdef0', name: 'web-1', publicIp: '54.1.2.3', privateIp: '10.0.0.5', publicDns: 'ec2-54-1-2-3.compute.amazonaws.com' });

it('finds the host an instance was imported as', () => {
  expect(hostFor(web, [host('web-1-prod', 'x'), host('other', 'y')], { [web.id]: 'web-1-prod' })).toBe('web-1-prod');
});

it('ignores an import whose host is gone, and looks by address instead', () => {
  expect(hostFor(web, [host('by-ip', '10.0.0.5')], { [web.id]: 'removed' })).toBe('by-ip');
});

it('finds the host tagged with the instance id (as imports tag them)', () => {
  expect(hostFor(web, [host('by-ip', '54.1.2.3'), { ...host('tagged', '1.1.1.1'), tags: ['aws', 'eu-west-1', web.id] }], {})).toBe('tagged');
});

it('matches any of the public address, the private address or the DNS name', () => {
  expect(hostFor(web, [host('a', '54.1.2.3')], {})).toBe('a');
  expect(hostFor(web, [host('b', 'ec2-54-1-2-3.compute.amazonaws.com')], {})).toBe('b');
});

it('finds nothing for an instance that is not in the fleet', () => {
  expect(hostFor(web, [host('web-1', '192.168.1.1')], {})).toBeUndefined();
});
