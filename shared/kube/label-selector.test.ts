import { describe, expect, it } from 'vitest';
import { matchesSelector, parseLabelSelector, SelectorError } from './label-selector';

describe('label selectors', () => {
  it('parses every operator kubectl accepts', () => {
    expect(parseLabelSelector('app=web, tier in (a, b),env!=prod,!canary,release, zone notin (x), x==y')).toEqual([
      { key: 'app', op: 'in', values: ['web'] },
      { key: 'tier', op: 'in', values: ['a', 'b'] },
      { key: 'env', op: 'notin', values: ['prod'] },
      { key: 'canary', op: 'notexists' },
      { key: 'release', op: 'exists' },
      { key: 'zone', op: 'notin', values: ['x'] },
      { key: 'x', op: 'in', values: ['y'] },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('app.kubernetes.io/name=api')).toEqual([{ key: 'app.kubernetes.io/name', op: 'in', values: ['api'] }]);
  });

  it('matches like the API server', () => {
    const web = { app: 'web', tier: 'a' };
    expect(matchesSelector(parseLabelSelector('app=web,tier in (a,b)'), web)).toBe(true);
    expect(matchesSelector(parseLabelSelector('app=web,tier notin (a)'), web)).toBe(false);
    expect(matchesSelector(parseLabelSelector('env!=prod'), web)).toBe(true); // != matches objects without the label
    expect(matchesSelector(parseLabelSelector('!canary'), web)).toBe(true);
    expect(matchesSelector(parseLabelSelector('canary'), web)).toBe(false);
    expect(matchesSelector(parseLabelSelector('app'), undefined)).toBe(false);
    expect(matchesSelector(parseLabelSelector('app='), { app: '' })).toBe(true);
  });

  it('says what is wrong and where', () => {
    const attempt = (text: string) => {
      try {
        parseLabelSelector(text);
        return 'parsed';
      } catch (error) {
        expect(error).toBeInstanceOf(SelectorError);
        return `${(error as SelectorError).message} @${(error as SelectorError).position}`;
      }
    };
    expect(attempt('app=web,')).toBe('a requirement must follow "," @7');
    expect(attempt('app in a')).toBe('expected "(" after in @4');
    expect(attempt('app=we b')).toBe('expected "," before "b" @7');
    expect(attempt('app=$x')).toBe('"$" is not allowed in a label selector @4');
    expect(attempt('-bad=x')).toBe('"-bad" is not a valid label key @0');
  });
});
