// The main window. Its web preferences are written out literally here, where
// both a reader and Electronegativity's static checks can see them: the
// renderer shows output from untrusted machines (log lines, terminals), so one
// XSS must not become code execution.
import { BrowserWindow } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function createSecureWindow(bounds: WindowBounds, preload: string): BrowserWindow {
  return new BrowserWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'DevOps Workbench',
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click on a link would otherwise ask for a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
