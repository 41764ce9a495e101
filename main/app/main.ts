// The Electron host: a thin shell that starts the shared Workbench services,
// opens one hardened window, and connects it over a MessagePort.
import { app, BrowserWindow, screen } from 'electron';
import path from 'node:path';
import { createLogger } from '../services/log';
import { defaultDataDir } from '../services/store';
import { Workbench } from '../services/workbench';
import { serveConnections } from './ipc';
import { APP_ENTRY } from './origin';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import { hardenSessions, openExternalSafely } from './security';
import { desktopSecretCipher } from './secret-cipher';
import { createSecureWindow } from './window';
import { loadWindowState, saveWindowState, visibleBounds } from './window-state';

const log = createLogger('desktop');
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the window: it gets focused by its 'second-instance' handler.
  app.quit();
} else {
  registerAppScheme();
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    hardenSessions();
    serveRenderer(path.join(__dirname, '..', 'renderer'));
    const workbench = new Workbench({
      host: 'desktop',
      version: app.getVersion(),
      dataDir,
      log,
      openExternal: openExternalSafely,
      secretCipher: desktopSecretCipher(dataDir, log),
      deployExamplesDir: path.join(__dirname, '..', 'examples', 'deploy'),
    });
    serveConnections(workbench, log);
    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    app.on('before-quit', () => workbench.dispose());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(dataDir, 'window-state.json');
  const saved = loadWindowState(stateFile);
  const bounds = visibleBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const window = createSecureWindow(bounds ?? { width: 1280, height: 800 }, path.join(__dirname, '..', 'preload', 'preload.cjs'));
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const persist = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const normal = window.getNormalBounds();
    saveWindowState(stateFile, { ...normal, maximized: window.isMaximized() });
  };
  const persistSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(persist, 500);
  };
  window.on('resize', persistSoon);
  window.on('move', persistSoon);
  window.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer);
    persist();
  });

  void window.loadURL(APP_ENTRY);
  return window;
}
