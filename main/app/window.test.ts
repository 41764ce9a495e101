// The Electron binary cannot run here, so BrowserWindow is replaced by a
// recorder: what matters is what the app asks Electron for.
import { describe, expect, it, vi } from 'vitest';

const constructed: unknown[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: unknown) {
      constructed.push(options);
    }
  },
}));

describe('main window', () => {
  it('is isolated and sandboxed, with no Node in the renderer', async () => {
    const { createSecureWindow } = await import('./window');
    createSecureWindow({ width: 800, height: 600 }, '/app/preload.cjs');
    expect(constructed).toHaveLength(1);
    expect(constructed[0]).toMatchObject({
      width: 800,
      height: 600,
      webPreferences: {
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
  });
});
