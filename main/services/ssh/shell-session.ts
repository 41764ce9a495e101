// An SSH shell as a TerminalSession: a shell channel on the host's pooled
// connection. When the connection drops it reports lost/reconnecting and,
// once the pool is back, opens a fresh shell in the same terminal.
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { DisposableStore, type Disposable } from '../../../shared/lib/disposable';
import { Listeners } from '../../../shared/lib/listeners';
import type { Logger } from '../log';
import type { ExitStatus, SessionState, TerminalSession } from '../terminals/session';
import type { ConnectionState } from '../../../shared/contract/ssh';
import type { ConnectionLease } from './connection';
import type { Asker } from './prompts';

export class SshShellSession implements TerminalSession {
  readonly kind = 'ssh' as const;
  readonly pid = undefined;
  readonly title: string;
  readonly shell: string;
  private channel: ClientChannel | undefined;
  private exit: ExitStatus | undefined;
  private latest: SessionState | undefined;
  private cols: number;
  private rows: number;
  private paused = false;
  private everConnected = false;
  private disposed = false;
  private readonly store = new DisposableStore();
  private readonly dataListeners = new Listeners<string>();
  private readonly exitListeners = new Listeners<ExitStatus>();
  private readonly stateListeners = new Listeners<SessionState>();

  constructor(
    readonly hostId: string,
    private readonly lease: ConnectionLease,
    private readonly asker: Asker | undefined,
    options: { cols: number; rows: number; title: string },
    private readonly log: Logger,
  ) {
    this.cols = options.cols;
    this.rows = options.rows;
    this.title = options.title;
    this.shell = `ssh ${lease.connection.key}`;
    this.store.add(lease);
    this.store.add(
      lease.connection.onState((state) => {
        if (this.exit || this.disposed) return;
        // Once this terminal has its shell, every change of the connection is its change too.
        if (state.state === 'connected') {
          if (!this.channel && this.everConnected) void this.openShell('reconnected');
          return;
        }
        if (this.everConnected || state.state === 'failed') this.setState(stateOf(state));
      }),
    );
    void this.start();
  }

  private async start(): Promise<void> {
    this.setState({ state: 'connecting' });
    try {
      await this.lease.connection.ready(this.asker);
      await this.openShell('first');
    } catch (error) {
      const failure = (error as { failure?: SessionState['failure'] }).failure;
      this.setState({ state: 'failed', reason: (error as Error).message, ...(failure ? { failure } : {}) });
    }
  }

  private async openShell(why: 'first' | 'reconnected'): Promise<void> {
    const client = this.lease.connection.ssh;
    if (!client || this.disposed) return;
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell({ term: 'xterm-256color', cols: this.cols, rows: this.rows }, (error, ch) => (error ? reject(error) : resolve(ch)));
    }).catch((error: Error) => {
      this.setState({ state: 'failed', reason: `the host would not open a shell: ${error.message}` });
      return undefined;
    });
    if (!channel) return;
    if (this.disposed) {
      channel.close();
      return;
    }
    this.channel = channel;
    this.everConnected = true;
    if (this.paused) channel.pause();
    const decoder = new StringDecoder('utf8');
    const stderrDecoder = new StringDecoder('utf8');
    let status: ExitStatus | undefined;
    channel.on('data', (chunk: Buffer) => this.emitData(decoder.write(chunk)));
    channel.stderr.on('data', (chunk: Buffer) => this.emitData(stderrDecoder.write(chunk)));
    channel.on('exit', (code: number | null, signalName?: string) => {
      const signal = signalName ? (constants.signals as Record<string, number>)[`SIG${signalName}`] ?? null : null;
      status = { exitCode: code ?? (signal ? 128 + signal : 0), signal };
    });
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      // An exit status means the shell ended; its absence means the connection went away under it.
      if (status) {
        this.exit = status;
        this.exitListeners.emit(status);
      }
    });
    if (why === 'reconnected') this.emitData(`\r\n\x1b[2m— reconnected to ${this.lease.connection.key} —\x1b[0m\r\n`);
    this.setState({ state: 'connected' });
  }

  private emitData(data: string): void {
    if (data) this.dataListeners.emit(data);
  }

  private setState(state: SessionState): void {
    this.latest = state;
    this.stateListeners.emit(state);
  }

  get state(): SessionState | undefined {
    return this.latest;
  }

  get exitStatus(): ExitStatus | undefined {
    return this.exit;
  }

  write(data: string): void {
    this.channel?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.channel?.setWindow(rows, cols, 0, 0);
  }

  pause(): void {
    this.paused = true;
    this.channel?.pause();
  }

  resume(): void {
    this.paused = false;
    this.channel?.resume();
  }

  onData(listener: (data: string) => void): Disposable {
    return this.dataListeners.add(listener);
  }

  onExit(listener: (status: ExitStatus) => void): Disposable {
    return this.exitListeners.add(listener);
  }

  onState(listener: (state: SessionState) => void): Disposable {
    return this.stateListeners.add(listener);
  }

  reconnect(): void {
    if (this.exit || this.channel) return;
    if (this.lease.connection.ssh) void this.openShell('reconnected');
    else if (!this.everConnected) void this.start();
    else this.lease.connection.reconnectNow(this.asker);
  }

  foregroundProcess(): string | undefined {
    return undefined; // the remote process table is not visible from here
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.channel?.close();
    } catch (error) {
      this.log.debug('closing an ssh channel failed', { error: String(error) });
    }
    this.channel = undefined;
    this.store.dispose();
  }
}

function stateOf(state: ConnectionState): SessionState {
  const out: SessionState = { state: state.state };
  if (state.attempt !== undefined) out.attempt = state.attempt;
  if (state.nextRetryInMs !== undefined) out.nextRetryInMs = state.nextRetryInMs;
  if (state.reason !== undefined) out.reason = state.reason;
  if (state.failure !== undefined) out.failure = state.failure;
  return out;
}
