// The typed face of the contract on the calling side: `api.terminals.open(req)`
// instead of message names at call sites (VS Code's ProxyChannel idea).
import type { z } from 'zod';
import type { CallSpec, ContractShape, InputSpec, StreamSpec } from '../contract/define';
import type { WorkbenchErrorData } from '../contract/errors';

export interface StreamHandlers<Event> {
  onEvent(event: Event): void;
  /** The stream ended: normally (no error) or because it failed. */
  onEnd?(error?: WorkbenchErrorData): void;
}

export interface Subscription {
  /** Tell main that `units` more have been consumed (flow control). */
  ack(units: number): void;
  close(): void;
}

export type ClientFn<S> =
  S extends CallSpec<infer Req, infer Rep>
    ? (request: z.input<Req>) => Promise<z.output<Rep>>
    : S extends StreamSpec<infer P, infer E>
      ? (params: z.input<P>, handlers: StreamHandlers<z.output<E>>) => Subscription
      : S extends InputSpec<infer P>
        ? (payload: z.input<P>) => void
        : never;

export type Api<C extends ContractShape> = {
  readonly [NS in keyof C]: { readonly [M in keyof C[NS]]: ClientFn<C[NS][M]> };
};
