import type { z } from 'zod';
import type { CallSpec, ContractShape, InputSpec, StreamSpec } from '../../../shared/contract/define';
import type { WorkbenchError } from '../../../shared/contract/errors';
import type { Disposable, DisposableStore } from '../../../shared/lib/disposable';
import type { Logger } from '../log';

/** One renderer connection (a window, a browser tab). What it starts, it owns. */
export interface ConnectionContext {
  readonly id: number;
  /** Disposed when the connection closes: sessions, watches and timers it started end with it. */
  readonly disposables: DisposableStore;
  readonly log: Logger;
}

/** Main's end of one subscription. */
export interface StreamSink<Event> {
  /** Send an event; `size` counts toward the stream's flow-control watermarks (default 1). */
  emit(event: Event, size?: number): void;
  /** End the stream, with an error if it failed. */
  end(error?: WorkbenchError): void;
  /** Aborted when the subscriber unsubscribes or the connection closes. */
  readonly signal: AbortSignal;
  /** True while the backlog is above the high watermark. */
  readonly paused: boolean;
  /** Called with `true` when the backlog passes the high watermark, `false` when it falls below the low one. */
  onPressure(listener: (paused: boolean) => void): Disposable;
}

export type CallHandler<S extends CallSpec> = (
  request: z.output<S['request']>,
  connection: ConnectionContext,
) => Promise<z.input<S['reply']>> | z.input<S['reply']>;

export type StreamHandler<S extends StreamSpec> = (
  params: z.output<S['params']>,
  sink: StreamSink<z.output<S['event']>>,
  connection: ConnectionContext,
) => Disposable | void | Promise<Disposable | void>;

export type InputHandler<S extends InputSpec> = (payload: z.output<S['payload']>, connection: ConnectionContext) => void;

export type HandlerFor<S> = S extends CallSpec
  ? CallHandler<S>
  : S extends StreamSpec
    ? StreamHandler<S>
    : S extends InputSpec
      ? InputHandler<S>
      : never;

export type Handlers<C extends ContractShape> = {
  readonly [NS in keyof C]: { readonly [M in keyof C[NS]]: HandlerFor<C[NS][M]> };
};
