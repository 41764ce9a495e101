import type { FlowControl } from '../../../shared/contract/define';
import type { TerminalEvent } from '../../../shared/contract/terminals';
import { DisposableStore, toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { StreamSink } from '../rpc/types';
import { OutputBatcher } from './batcher';
import type { TerminalSession } from './session';

type PauseReason = 'no-consumer-backlog' | 'consumer-behind';

/**
 * A session plus its output pump: batches output into events, keeps what
 * arrives while nobody listens (up to the high watermark, then pauses the
 * source), and pauses the source while the consumer is behind.
 */
export class ManagedTerminal implements Disposable {
  private readonly store = new DisposableStore();
  private readonly batcher: OutputBatcher;
  private backlog: string[] = [];
  private backlogSize = 0;
  private sink: StreamSink<TerminalEvent> | undefined;
  private readonly pauseReasons = new Set<PauseReason>();

  constructor(
    readonly id: string,
    readonly ownerId: number,
    readonly session: TerminalSession,
    private readonly flow: FlowControl,
  ) {
    this.batcher = new OutputBatcher((data) => this.sink?.emit({ type: 'data', data }, data.length));
    this.store.add(session.onData((data) => (this.sink ? this.batcher.push(data) : this.keep(data))));
    this.store.add(
      session.onState((state) => {
        // Output before the state change goes out first, so the order on screen is the order it happened.
        this.batcher.flushNow();
        this.sink?.emit({ type: 'state', ...state });
      }),
    );
    this.store.add(
      session.onExit((status) => {
        this.batcher.flushNow();
        if (this.sink) {
          this.sink.emit({ type: 'exit', exitCode: status.exitCode, signal: status.signal });
          this.sink.end();
        }
      }),
    );
    this.store.add(toDisposable(() => this.batcher.dispose()));
    this.store.add(session);
  }

  /** Connect the stream's sink; returns what detaches it. */
  attach(sink: StreamSink<TerminalEvent>): Disposable {
    if (this.sink) this.sink.end();
    this.sink = sink;
    const pending = this.backlog.join('');
    this.backlog = [];
    this.backlogSize = 0;
    this.setPaused('no-consumer-backlog', false);
    if (this.session.state) sink.emit({ type: 'state', ...this.session.state });
    if (pending) sink.emit({ type: 'data', data: pending }, pending.length);
    const exit = this.session.exitStatus;
    if (exit) {
      sink.emit({ type: 'exit', exitCode: exit.exitCode, signal: exit.signal });
      sink.end();
      return toDisposable(() => {});
    }
    const pressure = sink.onPressure((paused) => this.setPaused('consumer-behind', paused));
    return toDisposable(() => {
      pressure.dispose();
      this.batcher.flushNow();
      if (this.sink === sink) this.sink = undefined;
      this.setPaused('consumer-behind', false);
    });
  }

  private keep(data: string): void {
    this.backlog.push(data);
    this.backlogSize += data.length;
    if (this.backlogSize >= this.flow.highWatermark) this.setPaused('no-consumer-backlog', true);
  }

  private setPaused(reason: PauseReason, paused: boolean): void {
    const before = this.pauseReasons.size > 0;
    if (paused) this.pauseReasons.add(reason);
    else this.pauseReasons.delete(reason);
    const after = this.pauseReasons.size > 0;
    if (before === after) return;
    if (after) this.session.pause();
    else this.session.resume();
  }

  dispose(): void {
    if (this.sink) {
      const sink = this.sink;
      this.sink = undefined;
      sink.end();
    }
    this.store.dispose();
  }
}
