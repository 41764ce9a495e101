import { describe, expect, it } from 'vitest';
import { hostLineMatches, matchHostList, matchPattern } from './patterns';

describe('OpenSSH patterns', () => {
  it('`*` matches any run, `?` exactly one character, everything else literally and case-sensitively', () => {
    expect(matchPattern('web01.example.com', 'web*.example.com')).toBe(true);
    expect(matchPattern('web.example.com', 'web*.example.com')).toBe(true);
    expect(matchPattern('db-1', 'db-?')).toBe(true);
    expect(matchPattern('db-', 'db-?')).toBe(false);
    expect(matchPattern('db-12', 'db-?')).toBe(false);
    expect(matchPattern('a+b(c)', 'a+b(c)')).toBe(true);
    expect(matchPattern('axb', 'a.b')).toBe(false);
    expect(matchPattern('Web', 'web')).toBe(false);
  });

  it('a Host line: one negated match turns it off, commas are not separators', () => {
    expect(hostLineMatches(['*', '!bastion'], 'web')).toBe(true);
    expect(hostLineMatches(['*', '!bastion'], 'bastion')).toBe(false);
    expect(hostLineMatches(['!bastion', '*'], 'bastion')).toBe(false);
    expect(hostLineMatches(['!bastion'], 'web')).toBe(false);
    expect(hostLineMatches(['a,b'], 'a')).toBe(false);
    expect(hostLineMatches([], 'a')).toBe(false);
  });

  it('a known_hosts list: comma-separated, case-insensitive, negation wins', () => {
    expect(matchHostList('Web.Example.com', 'web.example.com,10.0.0.1')).toBe(1);
    expect(matchHostList('[10.0.0.5]:2222', '[10.0.0.*]:2222')).toBe(1);
    expect(matchHostList('10.0.0.1', '10.0.0.*,!10.0.0.1')).toBe(-1);
    expect(matchHostList('other', 'web,db')).toBe(0);
  });
});
