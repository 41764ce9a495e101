import type { Transport } from './index';

// The connected transport, set once at start-up before the app renders.
let current: Transport | undefined;

export function setTransport(transport: Transport): void {
  current = transport;
}

export function transport(): Transport {
  if (!current) throw new Error('the transport is used before it connected');
  return current;
}

export function api(): Transport['api'] {
  return transport().api;
}
