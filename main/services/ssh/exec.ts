// One command on a host, over its pooled connection. Cancelling really stops
// it: closing the channel or sending SSH's "signal" request leaves the remote
// process running (OpenSSH 9.2 ignores the latter without a pty), so the
// command first reports its shell's pid, which sshd made a session and
// process-group leader, and a cancel kills that whole group.
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';

export interface ExecOptions {
  onStdout?(data: string): void;
  onStderr?(data: string): void;
  /** Aborting kills the remote process group (TERM, then KILL after `graceMs`). */
  signal?: AbortSignal;
  graceMs?: number;
  /** How long the host took to accept the command (a round trip plus sshd starting it), ms. */
  onAccepted?(ms: number): void;
}

export interface ExecResult {
  exitCode: number | null;
  /** The signal that ended it, by name (TERM, KILL...). */
  signalName: string | null;
  cancelled: boolean;
}

const PID_MARK = '__wb_pgid:';

function run(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel))));
}

export function execCommand(client: Client, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  if (options.signal?.aborted) return Promise.resolve({ exitCode: null, signalName: null, cancelled: true });
  const out = new StringDecoder('utf8');
  const err = new StringDecoder('utf8');
  let pgid: number | undefined;
  let stderrHead = '';
  let cancelled = false;
  let killing: Promise<void> | undefined;

  const kill = () => {
    if (killing || pgid === undefined) return;
    cancelled = true;
    const grace = Math.max(0, Math.round((options.graceMs ?? 2000) / 1000));
    killing = run(client, `kill -TERM -- -${pgid} 2>/dev/null; sleep ${grace}; kill -KILL -- -${pgid} 2>/dev/null; true`)
      .then((killer) => new Promise<void>((resolve) => killer.on('close', () => resolve()).resume()))
      .catch(() => {}); // the connection is gone: so are the processes it ran
  };
  const onAbort = () => {
    cancelled = true;
    if (pgid !== undefined) kill();
  };

  return new Promise<ExecResult>((resolve, reject) => {
    const asked = performance.now();
    // Listen before the channel exists: a cancel that comes while the host is
    // still confirming the command (it may already be running there) must not be
    // lost. Until the pid line arrives it only marks the run; the pid then kills.
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // The pid line goes to stderr first and is taken out of what the caller sees.
    client.exec(`echo "${PID_MARK}$$" >&2; ${command}`, (error, channel) => {
      if (error) {
        options.signal?.removeEventListener('abort', onAbort);
        return reject(error);
      }
      options.onAccepted?.(performance.now() - asked);
      // Listeners go on here, synchronously: a fast command's data, exit status and
      // close can all arrive in the same read as the channel's confirmation, and an
      // 'exit' emitted before a listener exists is lost.
      let exitCode: number | null = null;
      let signalName: string | null = null;
      channel.on('data', (chunk: Buffer) => {
        const text = out.write(chunk);
        if (text) options.onStdout?.(text);
      });
      channel.stderr.on('data', (chunk: Buffer) => {
        let text = err.write(chunk);
        if (pgid === undefined) {
          stderrHead += text;
          const newline = stderrHead.indexOf('\n');
          if (newline < 0) return;
          const match = new RegExp(`^${PID_MARK}(\\d+)`).exec(stderrHead);
          if (match) pgid = Number(match[1]);
          text = match ? stderrHead.slice(newline + 1) : stderrHead;
          stderrHead = '';
          if (cancelled) kill();
        }
        if (text) options.onStderr?.(text);
      });
      channel.on('exit', (code: number | null, signal?: string) => {
        exitCode = code;
        signalName = signal ?? null;
      });
      channel.on('close', () => {
        options.signal?.removeEventListener('abort', onAbort);
        void Promise.resolve(killing).then(() => resolve({ exitCode, signalName, cancelled }));
      });
    });
  });
}
