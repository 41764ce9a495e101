// A long-running command on an SSH host whose output is a log (tail -F,
// journalctl -f), run over the host's pooled connection. When the connection
// drops the command is started again with backoff (1 s to 30 s), built anew
// so it resumes where the last one stopped; stop() kills the remote process
// group (see ssh/exec.ts), so nothing is left running on the host.
import { WorkbenchError } from '../../../../shared/contract/errors';
import type { Logger } from '../../log';
import type { SshService } from '../../ssh';
import { SshError } from '../../ssh/errors';
import { execCommand, type ExecResult } from '../../ssh/exec';
import { backoffMs, type SourceEmitter } from './emitter';
import type { SourceStatus } from './index';

export interface RemoteCommand {
  /** The command for the next run (it may resume from what earlier runs saw). */
  build(): string;
  /** A run started: reset per-run parsing state. */
  started(): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The command ended on its own with a status: the final state, or undefined to run it again. */
  exited(result: ExecResult): SourceStatus | undefined;
}

export class RemoteFollower {
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private attempt = 0;

  constructor(
    private readonly ssh: SshService,
    private readonly hostId: string,
    private readonly emitter: SourceEmitter,
    private readonly log: Logger,
    private readonly command: RemoteCommand,
  ) {}

  start(): void {
    this.emitter.state({ state: 'connecting' });
    void this.loop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    this.emitter.stop();
  }

  /** Data came through: the next drop starts the backoff over. */
  healthy(): void {
    this.attempt = 0;
  }

  /** Run a one-off command on the host (a stat); undefined if it could not run. */
  async query(command: string): Promise<string | undefined> {
    let out = '';
    try {
      const result = await this.ssh.withConnection(this.hostId, undefined, (client) => execCommand(client, command, { onStdout: (d) => (out += d) }));
      return result.exitCode === 0 ? out : undefined;
    } catch {
      return undefined;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const abort = new AbortController();
      this.abort = abort;
      let result: ExecResult;
      try {
        const command = this.command.build();
        this.command.started();
        result = await this.ssh.withConnection(this.hostId, undefined, (client) =>
          execCommand(client, command, {
            signal: abort.signal,
            graceMs: 1000,
            onAccepted: () => this.emitter.state({ state: 'streaming' }),
            onStdout: (text) => {
              if (!this.stopped) this.command.stdout(text);
            },
            onStderr: (text) => {
              if (!this.stopped) this.command.stderr(text);
            },
          }),
        );
      } catch (error) {
        if (this.stopped) return;
        if (isFinal(error)) {
          this.emitter.state({ state: 'failed', message: (error as Error).message });
          return;
        }
        await this.retry(`${(error as Error).message} — retrying`);
        continue;
      }
      if (this.stopped || result.cancelled) return;
      if (result.exitCode !== null) {
        const final = this.command.exited(result);
        if (final) {
          this.emitter.state(final);
          return;
        }
      }
      // No exit status: the connection went away under the command.
      this.log.info('remote log command lost', { host: this.hostId, signal: result.signalName });
      await this.retry('connection lost — retrying');
    }
  }

  private retry(message: string): Promise<void> {
    this.emitter.state({ state: 'retrying', message });
    const delay = backoffMs(this.attempt++);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, delay);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

/** Failures that retrying cannot fix: no such host, authentication, host keys. */
function isFinal(error: unknown): boolean {
  if (error instanceof SshError) return error.failure === 'auth' || error.failure.startsWith('host-key');
  return error instanceof WorkbenchError && (error.code === 'not-found' || error.code === 'invalid-request' || error.code === 'permission-denied');
}
