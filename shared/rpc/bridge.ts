// What the preload exposes as `window.workbench`, and how the renderer turns it
// back into the typed Api. contextBridge turns a rejected Error into a bare
// message, so calls cross it as result objects and are unwrapped on the far side.
import { listSpecs, type ContractShape } from '../contract/define';
import { WorkbenchError, type WorkbenchErrorData } from '../contract/errors';
import type { Api, StreamHandlers, Subscription } from './api';
import type { RpcClient } from './client';

export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: WorkbenchErrorData };

type BridgeFn =
  | ((request: unknown) => Promise<BridgeResult>)
  | ((params: unknown, handlers: StreamHandlers<unknown>) => Subscription)
  | ((payload: unknown) => void);

export interface Bridge {
  /** One function per contract call, grouped by namespace, and nothing else. */
  readonly calls: Record<string, Record<string, BridgeFn>>;
  /** Errors main reports outside any call. */
  onNotice(listener: (error: WorkbenchErrorData) => void): () => void;
  /** The connection to main closed. */
  onClose(listener: () => void): () => void;
  /** Desktop only: the path of a file dropped from the desktop (the web has none). */
  pathForFile?(file: unknown): string;
}

export function buildBridge(contract: ContractShape, client: RpcClient): Bridge {
  const calls: Record<string, Record<string, BridgeFn>> = {};
  for (const { name, spec } of listSpecs(contract)) {
    const [namespace, method] = name.split('.') as [string, string];
    const target = (calls[namespace] ??= {});
    switch (spec.kind) {
      case 'call':
        target[method] = (request: unknown) =>
          client.call(name, request, spec.timeoutMs).then(
            (value): BridgeResult => ({ ok: true, value }),
            (error: unknown): BridgeResult => ({ ok: false, error: WorkbenchError.from(error, { call: name }).toData() }),
          );
        break;
      case 'stream':
        target[method] = (params: unknown, handlers: StreamHandlers<unknown>) => {
          const subscription = client.subscribe(name, params, handlers);
          // A fresh object of plain functions: contextBridge copies it across.
          return { ack: (units: number) => subscription.ack(units), close: () => subscription.close() };
        };
        break;
      case 'input':
        target[method] = (payload: unknown) => client.input(name, payload);
        break;
    }
  }
  return {
    calls,
    onNotice: (listener) => client.onNotice(listener),
    onClose: (listener) => client.onClose(listener),
  };
}

/** The renderer's side: the same Api as the web transport gives, over the bridge. */
export function apiFromBridge<C extends ContractShape>(contract: C, bridge: Bridge): Api<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { name, spec } of listSpecs(contract)) {
    const [namespace, method] = name.split('.') as [string, string];
    const fn = bridge.calls[namespace]?.[method];
    if (!fn) throw new Error(`the desktop bridge lacks ${name}: preload and renderer are from different builds`);
    const target = (api[namespace] ??= {});
    if (spec.kind === 'call') {
      target[method] = async (request: unknown) => {
        const result = await (fn as (request: unknown) => Promise<BridgeResult>)(request);
        if (result.ok) return result.value;
        throw new WorkbenchError(result.error);
      };
    } else {
      target[method] = fn;
    }
  }
  return api as Api<C>;
}
