import { describe, expect, it } from 'vitest';
import { expandHostName, expandPath, parseTimeSeconds, type TokenValues } from './option-values';

const tokens: TokenValues = {
  home: '/home/ana',
  localUser: 'ana',
  host: 'web.example',
  originalHost: 'Web',
  remoteUser: 'deploy',
  port: 2222,
  localHost: 'laptop.lan',
  uid: '1000',
  hostKeyAlias: 'web-key',
  connectionHash: 'abc123',
};

describe('expandPath', () => {
  it('expands ~ first, then %-tokens, then ${VAR}', () => {
    expect(expandPath('~/.ssh/%h-%r-%u-%p-%n-%l-%L-%i-%k-%C-%%', tokens)).toBe(
      '/home/ana/.ssh/web.example-deploy-ana-2222-Web-laptop.lan-laptop-1000-web-key-abc123-%',
    );
    expect(expandPath('${KEYS}/%d', tokens, { KEYS: '/keys' })).toBe('/keys//home/ana');
    expect(expandPath('~', tokens)).toBe('/home/ana');
  });

  it('leaves what it does not know as written: ~user, unknown tokens, unset variables', () => {
    expect(expandPath('~bob/key', tokens)).toBe('~bob/key');
    expect(expandPath('key-%z-%', tokens)).toBe('key-%z-%');
    expect(expandPath('${UNSET_FOR_TEST}/k', tokens, {})).toBe('${UNSET_FOR_TEST}/k');
  });

  it('HostName knows only %h and %%', () => {
    expect(expandHostName('%h.%%.%r.internal', 'db1')).toBe('db1.%.%r.internal');
  });
});

describe('parseTimeSeconds', () => {
  it('reads OpenSSH time formats and refuses the rest', () => {
    expect(['90', '90s', '1m30s', '1M30', '1h', '2d', '1w', '0'].map(parseTimeSeconds)).toEqual([90, 90, 90, 90, 3600, 172800, 604800, 0]);
    expect(['', 's', '1.5', '-1', '1x', '1m 30s', '99999999999'].map(parseTimeSeconds)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
