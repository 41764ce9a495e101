// The preload (sandboxed, context-isolated): it opens one MessagePort to main
// and exposes `window.workbench`, the contract's calls and nothing else. The
// port lives here, in the isolated world; the page only gets the functions.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { RpcClient } from '../shared/rpc/client';
import { createWorkbenchBridge } from './bridge';
import { CONNECT_CHANNEL } from '../shared/rpc/channels';
import type { ClientCarrier, ServerMessage } from '../shared/rpc/protocol';

const { port1, port2 } = new MessageChannel();
ipcRenderer.postMessage(CONNECT_CHANNEL, null, [port2]);

const carrier: ClientCarrier = {
  send: (message) => port1.postMessage(message),
  onMessage: (listener) => {
    const handler = (event: MessageEvent) => listener(event.data as ServerMessage);
    port1.addEventListener('message', handler);
    return () => port1.removeEventListener('message', handler);
  },
  onClose: (listener) => {
    port1.addEventListener('close', listener);
    return () => port1.removeEventListener('close', listener);
  },
};
port1.start();

contextBridge.exposeInMainWorld('workbench', createWorkbenchBridge(new RpcClient(carrier), webUtils));
