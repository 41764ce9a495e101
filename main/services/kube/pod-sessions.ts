// Pod terminals: a shell (or a command) in a container over the exec
// WebSocket (v5.channel.k8s.io, or v4 from older servers), and a pod's logs
// followed into a read-only tab. Both are TerminalSessions, so the terminal
// view, flow control and tabs treat them like any other.
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import type { Disposable } from '../../../shared/lib/disposable';
import { Listeners } from '../../../shared/lib/listeners';
import type { ExitStatus, SessionState, TerminalSession } from '../terminals/session';
import type { KubeClient } from './client';

export interface PodTarget {
  namespace: string;
  pod: string;
  container: string;
}

/** Bash where the image has it, else sh: what users mean by "a shell in the pod". */
export const DEFAULT_SHELL = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;

abstract class PodSession implements TerminalSession {
  abstract readonly kind: 'kube-exec' | 'kube-logs';
  abstract readonly title: string;
  abstract readonly shell: string;
  readonly pid = undefined;
  readonly hostId = undefined;
  exitStatus: ExitStatus | undefined;
  state: SessionState | undefined = { state: 'connecting' };
  protected readonly dataListeners = new Listeners<string>();
  private readonly exitListeners = new Listeners<ExitStatus>();
  private readonly stateListeners = new Listeners<SessionState>();

  constructor(readonly pod: PodTarget) {}

  onData(listener: (data: string) => void): Disposable {
    return this.dataListeners.add(listener);
  }

  onExit(listener: (status: ExitStatus) => void): Disposable {
    return this.exitListeners.add(listener);
  }

  onState(listener: (state: SessionState) => void): Disposable {
    return this.stateListeners.add(listener);
  }

  protected emit(data: string): void {
    if (data) this.dataListeners.emit(data);
  }

  protected setState(state: SessionState): void {
    this.state = state;
    this.stateListeners.emit(state);
  }

  protected exit(status: ExitStatus): void {
    if (this.exitStatus) return;
    this.exitStatus = status;
    this.exitListeners.emit(status);
  }

  foregroundProcess(): string | undefined {
    return undefined;
  }

  abstract write(data: string): void;
  abstract resize(cols: number, rows: number): void;
  abstract pause(): void;
  abstract resume(): void;
  abstract reconnect(): void;
  abstract dispose(): void;
}

export class PodExecSession extends PodSession {
  readonly kind = 'kube-exec' as const;
  readonly title: string;
  readonly shell: string;
  private socket: WebSocket | undefined;
  private size: { cols: number; rows: number };
  private readonly decoders = [new StringDecoder('utf8'), new StringDecoder('utf8'), new StringDecoder('utf8')];
  private disposed = false;
  private statusText = '';

  constructor(
    private readonly client: KubeClient,
    pod: PodTarget,
    private readonly command: string[],
    size: { cols: number; rows: number },
  ) {
    super(pod);
    this.size = size;
    this.title = `pod/${pod.pod}:${pod.container}`;
    this.shell = command === DEFAULT_SHELL ? 'sh' : command[0]!;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const { namespace, pod, container } = this.pod;
    const query: Array<[string, string]> = [...this.command.map((c): [string, string] => ['command', c]), ['container', container], ['stdin', 'true'], ['stdout', 'true'], ['tty', 'true']];
    this.setState({ state: 'connecting' });
    let socket: WebSocket;
    try {
      socket = await this.client.webSocket(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec`, query, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    } catch (error) {
      const reason = (error as Error).message;
      this.setState({ state: 'failed', reason });
      this.emit(`\r\n\x1b[31mcould not exec into ${namespace}/${pod} (${container}): ${reason}\x1b[0m\r\n`);
      this.exit({ exitCode: 1, signal: null });
      return;
    }
    if (this.disposed) {
      socket.close();
      return;
    }
    this.socket = socket;
    this.setState({ state: 'connected' });
    this.resize(this.size.cols, this.size.rows);
    socket.on('message', (data: Buffer) => this.onMessage(data));
    socket.on('close', (code, reason) => {
      this.socket = undefined;
      if (this.exitStatus) return;
      const exitCode = this.exitCodeFromStatus();
      if (exitCode === undefined) {
        this.setState({ state: 'closed', reason: reason.toString() || `connection closed (${code})` });
        this.exit({ exitCode: code === 1000 ? 0 : 1, signal: null });
      } else this.exit({ exitCode, signal: null });
    });
    socket.on('error', (error) => this.setState({ state: 'failed', reason: error.message }));
  }

  private onMessage(data: Buffer): void {
    if (data.length === 0) return;
    const channel = data[0]!;
    const payload = data.subarray(1);
    if (channel === STDOUT || channel === STDERR) this.emit(this.decoders[channel]!.write(payload));
    else if (channel === ERROR) {
      this.statusText += payload.toString('utf8');
      const exitCode = this.exitCodeFromStatus();
      if (exitCode !== undefined && exitCode !== 0 && !this.statusText.includes('NonZeroExitCode')) {
        this.emit(`\r\n\x1b[31m${this.statusMessage()}\x1b[0m\r\n`);
      }
    }
  }

  private statusMessage(): string {
    try {
      return String((JSON.parse(this.statusText) as { message?: string }).message ?? this.statusText);
    } catch {
      return this.statusText;
    }
  }

  /** The v4+ error channel carries a metav1.Status: Success, or Failure with the exit code as a cause. */
  private exitCodeFromStatus(): number | undefined {
    if (!this.statusText) return undefined;
    try {
      const status = JSON.parse(this.statusText) as { status?: string; details?: { causes?: Array<{ reason?: string; message?: string }> } };
      if (status.status === 'Success') return 0;
      const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
      return code !== undefined ? Number(code) : 1;
    } catch {
      return 1;
    }
  }

  write(data: string): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== socket.OPEN) return;
    const bytes = Buffer.from(data, 'utf8');
    const frame = Buffer.allocUnsafe(bytes.length + 1);
    frame[0] = STDIN;
    bytes.copy(frame, 1);
    socket.send(frame);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    const socket = this.socket;
    if (!socket || socket.readyState !== socket.OPEN) return;
    socket.send(Buffer.concat([Buffer.from([RESIZE]), Buffer.from(JSON.stringify({ Width: cols, Height: rows }))]));
  }

  pause(): void {
    this.socket?.pause();
  }

  resume(): void {
    this.socket?.resume();
  }

  reconnect(): void {
    if (this.socket || this.disposed) return;
    this.exitStatus = undefined;
    void this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.socket?.close(1000);
    this.socket = undefined;
  }
}

export interface PodLogsOptions {
  tailLines: number;
  previous: boolean;
}

export class PodLogsSession extends PodSession {
  readonly kind = 'kube-logs' as const;
  readonly title: string;
  readonly shell = 'logs';
  private response: import('node:http').IncomingMessage | undefined;
  private readonly abort = new AbortController();
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly client: KubeClient,
    pod: PodTarget,
    private readonly options: PodLogsOptions,
  ) {
    super(pod);
    this.title = `logs ${pod.pod}${options.previous ? ' (previous)' : ''}`;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const { namespace, pod, container } = this.pod;
    this.setState({ state: 'connecting' });
    try {
      this.response = await this.client.open({
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
        query: { container, follow: !this.options.previous, tailLines: this.options.tailLines, ...(this.options.previous ? { previous: true } : {}) },
        signal: this.abort.signal,
      });
    } catch (error) {
      const reason = (error as Error).message;
      this.setState({ state: 'failed', reason });
      this.emit(`\x1b[31mcould not read the logs of ${namespace}/${pod} (${container}): ${reason}\x1b[0m\r\n`);
      this.exit({ exitCode: 1, signal: null });
      return;
    }
    this.setState({ state: 'connected' });
    // A terminal needs CR LF; logs have bare LF.
    this.response.on('data', (chunk: Buffer) => this.emit(this.decoder.write(chunk).replace(/\r?\n/g, '\r\n')));
    this.response.on('end', () => {
      this.emit('\r\n\x1b[2m— end of log —\x1b[0m\r\n');
      this.setState({ state: 'closed' });
      this.exit({ exitCode: 0, signal: null });
    });
    this.response.on('error', (error) => {
      if (this.abort.signal.aborted) return;
      this.emit(`\r\n\x1b[31mlog stream lost: ${error.message}\x1b[0m\r\n`);
      this.setState({ state: 'failed', reason: error.message });
      this.exit({ exitCode: 1, signal: null });
    });
  }

  /** Read-only: typing does nothing. */
  write(): void {}

  resize(): void {}

  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  reconnect(): void {}

  dispose(): void {
    this.abort.abort();
    this.response?.destroy();
  }
}
