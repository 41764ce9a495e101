import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: {}, session: {}, shell: { openExternal: vi.fn() } }));

describe('permissions', () => {
  it('grants only clipboard access, and only to the app itself', async () => {
    const { isPermissionAllowed } = await import('./security');
    expect(isPermissionAllowed('clipboard-read', 'app://workbench/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://workbench')).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(permission, 'app://workbench/index.html')).toBe(false);
    }
  });

  it('opens only web links outside the app', async () => {
    const { openExternalSafely } = await import('./security');
    const { shell } = await import('electron');
    expect(await openExternalSafely('https://kubernetes.io/docs')).toBe(true);
    expect(await openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(await openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(await openExternalSafely('not a url')).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
