// The calling side of the protocol, shared by the web transport (renderer) and
// the desktop bridge (preload): ids, pending replies, timeouts, streams.
import { listSpecs, type ContractShape } from '../contract/define';
import { WorkbenchError, type WorkbenchErrorData } from '../contract/errors';
import type { Api, StreamHandlers, Subscription } from './api';
import type { ClientCarrier, ServerMessage } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: WorkbenchError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class RpcClient {
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private readonly streams = new Map<number, StreamHandlers<unknown>>();
  private readonly noticeListeners = new Set<(error: WorkbenchErrorData) => void>();
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly carrier: ClientCarrier) {
    carrier.onMessage((message) => this.receive(message));
    carrier.onClose(() => this.shutdown());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  call(name: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(unavailable(name));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new WorkbenchError({ code: 'timeout', message: `no reply after ${Math.round(timeoutMs / 1000)} s`, call: name }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.carrier.send({ t: 'call', id, name, payload });
    });
  }

  subscribe(name: string, payload: unknown, handlers: StreamHandlers<unknown>): Subscription {
    const id = this.nextId++;
    if (this.closed) {
      queueMicrotask(() => handlers.onEnd?.(unavailable(name).toData()));
      return { ack() {}, close() {} };
    }
    this.streams.set(id, handlers);
    this.carrier.send({ t: 'sub', id, name, payload });
    return {
      ack: (units: number) => {
        if (units > 0 && this.streams.has(id) && !this.closed) this.carrier.send({ t: 'ack', id, n: units });
      },
      close: () => {
        if (this.streams.delete(id) && !this.closed) this.carrier.send({ t: 'unsub', id });
      },
    };
  }

  input(name: string, payload: unknown): void {
    if (!this.closed) this.carrier.send({ t: 'input', name, payload });
  }

  /** Errors main reports outside any call (a rejected input message). */
  onNotice(listener: (error: WorkbenchErrorData) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  private receive(message: ServerMessage): void {
    switch (message.t) {
      case 'reply': {
        const pending = this.pending.get(message.id);
        if (!pending) return; // timed out already
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new WorkbenchError(message.error));
        return;
      }
      case 'event':
        this.streams.get(message.id)?.onEvent(message.event);
        return;
      case 'end': {
        const handlers = this.streams.get(message.id);
        this.streams.delete(message.id);
        handlers?.onEnd?.(message.error);
        return;
      }
      case 'notice':
        for (const listener of this.noticeListeners) listener(message.error);
        return;
    }
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(unavailable());
    }
    this.pending.clear();
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const handlers of streams) handlers.onEnd?.(unavailable().toData());
    for (const listener of this.closeListeners) listener();
  }
}

function unavailable(call?: string): WorkbenchError {
  const data = { code: 'unavailable' as const, message: 'the connection to the workbench was lost; reload to reconnect' };
  return new WorkbenchError(call ? { ...data, call } : data);
}

/** Build `api.<namespace>.<method>(...)` for every spec in the contract. */
export function createApi<C extends ContractShape>(contract: C, client: RpcClient): Api<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { name, spec } of listSpecs(contract)) {
    const [namespace, method] = name.split('.') as [string, string];
    const target = (api[namespace] ??= {});
    switch (spec.kind) {
      case 'call':
        target[method] = (request: unknown) => client.call(name, request, spec.timeoutMs);
        break;
      case 'stream':
        target[method] = (params: unknown, handlers: StreamHandlers<unknown>) => client.subscribe(name, params, handlers);
        break;
      case 'input':
        target[method] = (payload: unknown) => client.input(name, payload);
        break;
    }
  }
  return api as Api<C>;
}
