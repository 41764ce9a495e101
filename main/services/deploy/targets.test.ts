import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/hosts';
import { globToRegExp } from '../../../shared/lib/glob';
import { matchHosts } from './targets';

const host = (id: string, groups: string[] = [], tags: string[] = []): Host => ({ id, hostname: id, port: 22, user: 'u', source: 'inventory', groups, tags, notes: '' });
const hosts = [host('web-1', ['web']), host('web-2', ['web'], ['canary']), host('web.3'), host('webx3'), host('db-1', ['db'])];

describe('host selectors', () => {
  it('matches globs with classes, and takes dots literally', () => {
    expect(globToRegExp('web.?').test('web.3')).toBe(true);
    expect(globToRegExp('web.?').test('webx3')).toBe(false);
    expect(globToRegExp('web-[!1]').test('web-2')).toBe(true);
    expect(globToRegExp('web-[!1]').test('web-1')).toBe(false);
    expect(globToRegExp('web-[').test('web-[')).toBe(true);
  });

  it('names each host once, in selector order, and reports selectors that match nothing', () => {
    const found = matchHosts(['tag:canary', 'group:web', 'db-1', 'nope-*'], hosts);
    expect(found.hosts.map((h) => h.id)).toEqual(['web-2', 'web-1', 'db-1']);
    expect(found.unmatched).toEqual(['nope-*']);
  });
});
