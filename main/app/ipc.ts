// The one IPC channel: a window's preload hands over a MessagePort, which main
// serves with the Workbench after checking who sent it.
import { ipcMain, type IpcMainEvent, type MessagePortMain } from 'electron';
import { CONNECT_CHANNEL } from '../../shared/rpc/channels';
import type { ServerCarrier } from '../../shared/rpc/protocol';
import type { Logger } from '../services/log';
import type { Workbench } from '../services/workbench';
import { isAppUrl } from './origin';

export function serveConnections(workbench: Workbench, log: Logger): void {
  ipcMain.on(CONNECT_CHANNEL, (event: IpcMainEvent) => {
    // Only the app's own top-level page may connect: not a subframe, not a page navigated elsewhere.
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      log.warn('refused an IPC connection from an untrusted sender', { url: frame?.url ?? '(gone)' });
      for (const port of event.ports) port.close();
      return;
    }
    const port = event.ports[0];
    if (!port) return;
    workbench.connect(portCarrier(port));
    port.start();
  });
}

function portCarrier(port: MessagePortMain): ServerCarrier {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      const handler = (event: Electron.MessageEvent) => listener(event.data);
      port.on('message', handler);
      return () => port.off('message', handler);
    },
    onClose: (listener) => {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
  };
}
