// The renderer's one Transport: the typed Api plus the connection's events.
// Desktop: over the preload's `window.workbench`. Web: over a WebSocket to the
// web host. Nothing above this file knows which.
import { contract, type Contract } from '../../shared/contract';
import type { WorkbenchErrorData } from '../../shared/contract/errors';
import type { Api } from '../../shared/rpc/api';
import { apiFromBridge, type Bridge } from '../../shared/rpc/bridge';
import { connectWebSocket } from './web';

export interface Transport {
  readonly kind: 'desktop' | 'web';
  readonly api: Api<Contract>;
  onNotice(listener: (error: WorkbenchErrorData) => void): () => void;
  onClose(listener: () => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    workbench?: Bridge;
  }
}

export async function connectTransport(): Promise<Transport> {
  const bridge = window.workbench;
  if (bridge) {
    return {
      kind: 'desktop',
      api: apiFromBridge(contract, bridge),
      onNotice: (listener) => bridge.onNotice(listener),
      onClose: (listener) => bridge.onClose(listener),
    };
  }
  return connectWebSocket(new URL('/rpc', window.location.href));
}
