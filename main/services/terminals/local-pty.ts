// Local shells through node-pty (N-API, so the same build loads under the
// pinned Node and under Electron).
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pty from 'node-pty';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { ExitStatus, TerminalSession } from './session';

/** Shells that take `-l` to start as a login shell (reading the user's profile). */
const LOGIN_FLAG_SHELLS = new Set(['bash', 'zsh', 'fish', 'ksh', 'mksh', 'sh', 'dash']);

export interface LocalPtyOptions {
  cols: number;
  rows: number;
  cwd?: string;
  /** From settings; empty means the user's login shell. */
  shell?: string;
  env?: NodeJS.ProcessEnv;
}

export function resolveShell(preferred: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [preferred, env.SHELL, '/bin/bash', '/bin/sh'].filter((s): s is string => !!s && s.trim() !== '');
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return '/bin/sh';
}

/** The environment a shell starts with: the user's, minus what only concerns how we were launched. */
export function terminalEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (key.startsWith('npm_') || key.startsWith('WORKBENCH_') || key.startsWith('ELECTRON_') || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'devops-workbench';
  return env;
}

export class LocalPtySession implements TerminalSession {
  readonly kind = 'local' as const;
  readonly hostId = undefined;
  readonly state = undefined;
  readonly shell: string;
  readonly title: string;
  private readonly pty: pty.IPty;
  private exit: ExitStatus | undefined;
  private disposed = false;
  private killTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LocalPtyOptions) {
    this.shell = resolveShell(options.shell, options.env);
    const name = path.basename(this.shell);
    this.title = name;
    const cwd = options.cwd ?? os.homedir();
    this.pty = pty.spawn(this.shell, LOGIN_FLAG_SHELLS.has(name) ? ['-l'] : [], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd,
      env: terminalEnvironment(options.env ?? process.env),
    });
    this.pty.onExit(({ exitCode, signal }) => {
      this.exit = { exitCode, signal: signal ? signal : null };
      if (this.killTimer) clearTimeout(this.killTimer);
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exitStatus(): ExitStatus | undefined {
    return this.exit;
  }

  write(data: string): void {
    if (!this.exit && !this.disposed) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exit || this.disposed) return;
    try {
      this.pty.resize(cols, rows);
    } catch {
      // the pty closed between the check and the call: nothing to resize
    }
  }

  pause(): void {
    if (!this.exit) this.pty.pause();
  }

  resume(): void {
    if (!this.exit) this.pty.resume();
  }

  onData(listener: (data: string) => void): Disposable {
    const sub = this.pty.onData(listener);
    return toDisposable(() => sub.dispose());
  }

  onExit(listener: (status: ExitStatus) => void): Disposable {
    const sub = this.pty.onExit(({ exitCode, signal }) => listener({ exitCode, signal: signal ? signal : null }));
    return toDisposable(() => sub.dispose());
  }

  onState(): Disposable {
    return toDisposable(() => {}); // a local shell has no connection
  }

  reconnect(): void {}

  foregroundProcess(): string | undefined {
    if (this.exit) return undefined;
    try {
      return this.pty.process;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.exit) return;
    // A paused pty would never read the shell's last words; let it drain so it can exit.
    this.pty.resume();
    try {
      this.pty.kill('SIGHUP');
    } catch {
      return;
    }
    // A program that ignores SIGHUP does not get to outlive its tab.
    this.killTimer = setTimeout(() => {
      if (!this.exit) {
        try {
          process.kill(this.pty.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, 3000);
    this.killTimer.unref?.();
  }
}
