import { contract } from '../../shared/contract';
import { createApi, RpcClient } from '../../shared/rpc/client';
import type { ClientCarrier, ServerMessage } from '../../shared/rpc/protocol';
import type { Transport } from './index';

/** Open the web host's WebSocket (its cookie carries the token) and speak the protocol over it. */
export function connectWebSocket(url: URL): Promise<Transport> {
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error(`could not connect to the workbench at ${url.host}`)), { once: true });
    socket.addEventListener('open', () => {
      const carrier: ClientCarrier = {
        send: (message) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
        },
        onMessage: (listener) => {
          const handler = (event: MessageEvent) => listener(JSON.parse(String(event.data)) as ServerMessage);
          socket.addEventListener('message', handler);
          return () => socket.removeEventListener('message', handler);
        },
        onClose: (listener) => {
          socket.addEventListener('close', listener);
          return () => socket.removeEventListener('close', listener);
        },
      };
      const client = new RpcClient(carrier);
      resolve({
        kind: 'web',
        api: createApi(contract, client),
        onNotice: (listener) => client.onNotice(listener),
        onClose: (listener) => client.onClose(listener),
      });
    }, { once: true });
  });
}
