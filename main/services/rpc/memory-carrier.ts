// Two ends of an in-process connection, for tests and benchmarks of the
// protocol without a socket. Messages are cloned and delivered asynchronously,
// as they are by a real WebSocket or MessagePort.
import type { ClientCarrier, ClientMessage, ServerCarrier, ServerMessage } from '../../../shared/rpc/protocol';

export function memoryCarrierPair(): { client: ClientCarrier; server: ServerCarrier; close(): void; sentToServer: unknown[] } {
  const toServer = new Set<(m: unknown) => void>();
  const toClient = new Set<(m: ServerMessage) => void>();
  const closeListeners = new Set<() => void>();
  const sentToServer: unknown[] = [];
  let closed = false;
  const deliver = <T>(listeners: Set<(m: T) => void>, message: T) => {
    const copy = structuredClone(message);
    setImmediate(() => {
      if (!closed) for (const l of listeners) l(copy);
    });
  };
  const onClose = (listener: () => void) => {
    closeListeners.add(listener);
    return () => closeListeners.delete(listener);
  };
  return {
    sentToServer,
    client: {
      send: (m: ClientMessage) => {
        sentToServer.push(m);
        deliver(toServer, m as unknown);
      },
      onMessage: (l) => {
        toClient.add(l);
        return () => toClient.delete(l);
      },
      onClose,
    },
    server: {
      send: (m) => deliver(toClient, m),
      onMessage: (l) => {
        toServer.add(l);
        return () => toServer.delete(l);
      },
      onClose,
    },
    close() {
      if (closed) return;
      closed = true;
      for (const l of closeListeners) l();
    },
  };
}

/** Send a raw, possibly malformed, message as if from a misbehaving renderer. */
export function sendRaw(client: ClientCarrier, message: unknown): void {
  client.send(message as ClientMessage);
}
