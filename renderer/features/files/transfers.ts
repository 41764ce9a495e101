// Transfers in flight and finished, outside React: progress events arrive
// often and only the transfer list redraws (at most once a frame).
import { describeError } from '../../../shared/contract/errors';
import type { Subscription } from '../../../shared/rpc/api';
import { api } from '../../transport/current';

export interface Transfer {
  id: number;
  hostId: string;
  direction: 'upload' | 'download';
  localPath: string;
  remotePath: string;
  bytes: number;
  total: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  error?: string;
  ms?: number;
}

let nextId = 1;
const transfers: Transfer[] = [];
const subscriptions = new Map<number, Subscription>();
const listeners = new Set<() => void>();
let frame = 0;

function changed(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    for (const listener of listeners) listener();
  });
}

export function onTransfersChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function listTransfers(): readonly Transfer[] {
  return transfers;
}

export function startTransfer(request: { hostId: string; direction: 'upload' | 'download'; localPath: string; remotePath: string; overwrite?: boolean }, onDone?: () => void): void {
  const transfer: Transfer = { id: nextId++, ...request, bytes: 0, total: 0, state: 'running' };
  transfers.unshift(transfer);
  const subscription = api().sftp.transfer(
    { ...request, overwrite: request.overwrite ?? false },
    {
      onEvent: (event) => {
        transfer.bytes = event.bytes;
        if (event.type === 'progress') transfer.total = event.total;
        else {
          transfer.state = 'done';
          transfer.ms = event.ms;
          transfer.total = event.bytes;
        }
        subscription.ack(1);
        changed();
      },
      onEnd: (error) => {
        subscriptions.delete(transfer.id);
        if (error && transfer.state === 'running') {
          transfer.state = 'failed';
          transfer.error = describeError({ ...error, call: undefined } as typeof error);
        }
        changed();
        onDone?.();
      },
    },
  );
  subscriptions.set(transfer.id, subscription);
  changed();
}

/** Stop a running transfer: main aborts it and removes the partial file. */
export function cancelTransfer(id: number): void {
  const transfer = transfers.find((t) => t.id === id);
  const subscription = subscriptions.get(id);
  if (!transfer || !subscription) return;
  subscription.close();
  subscriptions.delete(id);
  transfer.state = 'cancelled';
  changed();
}

export function clearFinished(): void {
  for (let i = transfers.length - 1; i >= 0; i--) if (transfers[i]!.state !== 'running') transfers.splice(i, 1);
  changed();
}
