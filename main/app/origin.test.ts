import { describe, expect, it } from 'vitest';
import { isAppUrl } from './origin';

describe('isAppUrl', () => {
  it('recognises the app origin the way Node parses it in the main process', () => {
    expect(isAppUrl('app://workbench/index.html')).toBe(true);
    expect(isAppUrl('app://workbench')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://workbench/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
