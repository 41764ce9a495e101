import type { ConnectionStateName } from '../../../shared/contract/ssh';
import type { Disposable } from '../../../shared/lib/disposable';

export interface ExitStatus {
  exitCode: number;
  signal: number | null;
}

/** Where a remote session's connection stands (local sessions have none). */
export interface SessionState {
  state: ConnectionStateName;
  attempt?: number;
  nextRetryInMs?: number;
  reason?: string;
  failure?: SshFailureKindName;
}

export type SshFailureKindName = 'dns' | 'refused' | 'timeout' | 'auth' | 'host-key-changed' | 'host-key-rejected' | 'host-key-revoked' | 'lost' | 'protocol';

/**
 * One terminal session, whatever runs it: a local pty or an SSH shell
 * channel. The terminal view and the output pump only know this face.
 */
export interface TerminalSession extends Disposable {
  readonly kind: 'local' | 'ssh' | 'kube-exec' | 'kube-logs';
  /** Pod sessions: where they run. */
  readonly pod?: { namespace: string; pod: string; container: string };
  readonly title: string;
  /** The program started as the session's shell ("ssh deploy@web-1" for SSH). */
  readonly shell: string;
  /** The local process id, for local sessions. */
  readonly pid: number | undefined;
  readonly hostId: string | undefined;
  readonly exitStatus: ExitStatus | undefined;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stop reading output: the source blocks (pty) or stops being sent more (SSH window). */
  pause(): void;
  resume(): void;
  onData(listener: (data: string) => void): Disposable;
  onExit(listener: (status: ExitStatus) => void): Disposable;
  /** Connection state changes, for sessions that have a connection. */
  onState(listener: (state: SessionState) => void): Disposable;
  /** The latest connection state, if any. */
  readonly state: SessionState | undefined;
  /** Try the connection again now (remote sessions). */
  reconnect(): void;
  /** Name of the program in the foreground, if the platform can tell. */
  foregroundProcess(): string | undefined;
}
