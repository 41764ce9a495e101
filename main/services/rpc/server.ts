// Main's end of the protocol, the same for the Electron and the web host: it
// validates every message (envelope, then payload against the contract),
// dispatches to the handlers, and runs flow control for streams. A bad message
// gets an error naming the call and the field; the connection stays up.
import { findSpec, type ContractShape, type StreamSpec } from '../../../shared/contract/define';
import { WorkbenchError, type WorkbenchErrorData } from '../../../shared/contract/errors';
import { DisposableStore, toDisposable, type Disposable } from '../../../shared/lib/disposable';
import { ClientMessage, type ServerCarrier, type ServerMessage } from '../../../shared/rpc/protocol';
import { parseOrThrow } from '../../../shared/rpc/validate';
import type { Logger } from '../log';
import { FlowGate } from './flow';
import type { ConnectionContext, Handlers, StreamSink } from './types';

let nextConnectionId = 1;

export interface RpcConnectionOptions {
  /** Check every stream event against the contract (tests; costs time on hot streams). */
  validateEvents?: boolean;
}

interface ActiveStream {
  gate: FlowGate;
  abort: AbortController;
  cleanup: DisposableStore;
  ended: boolean;
}

export class RpcConnection implements Disposable {
  readonly context: ConnectionContext;
  private readonly streams = new Map<number, ActiveStream>();
  private readonly handlers: Record<string, Record<string, unknown>>;
  private closed = false;

  constructor(
    private readonly contract: ContractShape,
    createHandlers: (connection: ConnectionContext) => Handlers<ContractShape>,
    private readonly carrier: ServerCarrier,
    log: Logger,
    private readonly options: RpcConnectionOptions = {},
  ) {
    const id = nextConnectionId++;
    this.context = { id, disposables: new DisposableStore(), log: log.child(`conn${id}`) };
    this.handlers = createHandlers(this.context) as Record<string, Record<string, unknown>>;
    carrier.onMessage((raw) => this.receive(raw));
    carrier.onClose(() => this.dispose());
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.streams.keys()]) this.stopStream(id);
    try {
      this.context.disposables.dispose();
    } catch (error) {
      this.context.log.error('cleanup after the connection closed failed', { error: String(error) });
    }
  }

  private send(message: ServerMessage): void {
    if (!this.closed) this.carrier.send(message);
  }

  private receive(raw: unknown): void {
    if (this.closed) return;
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : undefined;
      const error = invalidEnvelope(raw, parsed.error.issues[0]?.path.join('.') ?? '');
      if (id !== undefined && (raw as { t?: unknown }).t === 'call') this.send({ t: 'reply', id, ok: false, error });
      else this.send({ t: 'notice', error });
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'call':
        void this.handleCall(message.id, message.name, message.payload);
        return;
      case 'sub':
        void this.handleSubscribe(message.id, message.name, message.payload);
        return;
      case 'unsub':
        this.stopStream(message.id);
        return;
      case 'ack':
        this.streams.get(message.id)?.gate.acknowledged(message.n);
        return;
      case 'input':
        this.handleInput(message.name, message.payload);
        return;
    }
  }

  private lookup(name: string, kind: 'call' | 'stream' | 'input') {
    const spec = findSpec(this.contract, name);
    if (!spec) throw new WorkbenchError({ code: 'unknown-call', message: `no call named "${name}" in the contract`, call: name });
    if (spec.kind !== kind) {
      throw new WorkbenchError({ code: 'invalid-request', message: `"${name}" is a ${spec.kind}, not a ${kind}`, call: name });
    }
    const [namespace, method] = splitName(name);
    const handler = this.handlers[namespace]?.[method];
    if (typeof handler !== 'function') throw new WorkbenchError({ code: 'unavailable', message: `"${name}" is not served by this host`, call: name });
    return { spec, handler: handler as (...args: unknown[]) => unknown };
  }

  private async handleCall(id: number, name: string, payload: unknown): Promise<void> {
    try {
      const { spec, handler } = this.lookup(name, 'call');
      if (spec.kind !== 'call') return;
      const request = parseOrThrow(spec.request, payload, name);
      const value = await handler(request, this.context);
      const reply = spec.reply.safeParse(value);
      if (!reply.success) {
        this.context.log.error('a handler broke the contract with its reply', { call: name, issue: reply.error.issues[0]?.message });
        throw new WorkbenchError({ code: 'internal', message: 'the reply did not match the contract (a bug: see the log)', call: name });
      }
      this.send({ t: 'reply', id, ok: true, value: reply.data });
    } catch (error) {
      this.send({ t: 'reply', id, ok: false, error: this.toErrorData(error, name) });
    }
  }

  private async handleSubscribe(id: number, name: string, payload: unknown): Promise<void> {
    if (this.streams.has(id)) {
      this.send({ t: 'end', id, error: { code: 'invalid-request', message: `stream id ${id} is already in use`, call: name } });
      return;
    }
    let spec: StreamSpec;
    let handler: (...args: unknown[]) => unknown;
    let params: unknown;
    try {
      const found = this.lookup(name, 'stream');
      spec = found.spec as StreamSpec;
      handler = found.handler;
      params = parseOrThrow(spec.params, payload, name);
    } catch (error) {
      this.send({ t: 'end', id, error: this.toErrorData(error, name) });
      return;
    }

    const pressureListeners = new Set<(paused: boolean) => void>();
    const active: ActiveStream = {
      gate: new FlowGate(spec.flow, (paused) => {
        for (const listener of pressureListeners) listener(paused);
      }),
      abort: new AbortController(),
      cleanup: new DisposableStore(),
      ended: false,
    };
    this.streams.set(id, active);
    const validate = this.options.validateEvents ? spec.event : undefined;
    const sink: StreamSink<unknown> = {
      emit: (event, size = 1) => {
        if (active.ended) return;
        if (validate) parseOrThrow(validate, event, name);
        active.gate.sent(size);
        this.send({ t: 'event', id, event });
      },
      end: (error) => {
        if (active.ended) return;
        this.send(error ? { t: 'end', id, error: error.toData() } : { t: 'end', id });
        this.stopStream(id);
      },
      signal: active.abort.signal,
      get paused() {
        return active.gate.paused;
      },
      onPressure: (listener) => {
        pressureListeners.add(listener);
        return toDisposable(() => pressureListeners.delete(listener));
      },
    };
    try {
      const cleanup = await handler(params, sink, this.context);
      if (cleanup && typeof (cleanup as Disposable).dispose === 'function') active.cleanup.add(cleanup as Disposable);
    } catch (error) {
      sink.end(WorkbenchError.from(error, { call: name }));
    }
  }

  private handleInput(name: string, payload: unknown): void {
    try {
      const { spec, handler } = this.lookup(name, 'input');
      if (spec.kind !== 'input') return;
      handler(parseOrThrow(spec.payload, payload, name), this.context);
    } catch (error) {
      this.send({ t: 'notice', error: this.toErrorData(error, name) });
    }
  }

  private stopStream(id: number): void {
    const active = this.streams.get(id);
    if (!active) return;
    this.streams.delete(id);
    active.ended = true;
    active.abort.abort();
    try {
      active.cleanup.dispose();
    } catch (error) {
      this.context.log.error('stream cleanup failed', { error: String(error) });
    }
  }

  private toErrorData(error: unknown, call: string): WorkbenchErrorData {
    const wbError = WorkbenchError.from(error, { call });
    if (!(error instanceof WorkbenchError)) {
      this.context.log.error('a handler failed', { call, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    const data = wbError.toData();
    return data.call ? data : { ...data, call };
  }
}

function splitName(name: string): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

function invalidEnvelope(raw: unknown, path: string): WorkbenchErrorData {
  const name = typeof raw === 'object' && raw !== null && 'name' in raw && typeof raw.name === 'string' ? raw.name : undefined;
  const base: WorkbenchErrorData = {
    code: 'invalid-request',
    message: `malformed message${path ? ` (field "${path}")` : ''}: expected {t, id, name, payload} as the protocol defines`,
  };
  if (path) base.field = path;
  if (name) base.call = name;
  return base;
}
