import type { Disposable } from '../../../shared/lib/disposable';

export interface ExitStatus {
  exitCode: number;
  signal: number | null;
}

/**
 * One terminal session, whatever runs it: a local pty here, an SSH shell
 * channel later. The terminal view and the output pump only know this face.
 */
export interface TerminalSession extends Disposable {
  readonly kind: 'local';
  readonly title: string;
  /** The program started as the session's shell. */
  readonly shell: string;
  readonly pid: number;
  readonly exitStatus: ExitStatus | undefined;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stop reading output (the source blocks once the OS buffer is full). */
  pause(): void;
  resume(): void;
  onData(listener: (data: string) => void): Disposable;
  onExit(listener: (status: ExitStatus) => void): Disposable;
  /** Name of the program in the foreground, if the platform can tell. */
  foregroundProcess(): string | undefined;
}
