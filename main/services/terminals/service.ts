// Terminal sessions for every connection. A session belongs to the connection
// that opened it: only that connection can write to it, and it ends when that
// connection closes (window closed, tab reloaded).
import { randomBytes } from 'node:crypto';
import { contract, type Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { TerminalSettings } from '../../../shared/contract/settings';
import type { OpenTerminalRequest } from '../../../shared/contract/terminals';
import { toDisposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import { LocalPtySession } from './local-pty';
import { ManagedTerminal } from './managed-terminal';
import type { TerminalSession } from './session';

export interface TerminalServiceDeps {
  settings(): TerminalSettings;
  log: Logger;
  /** Where sessions come from; tests may pass another implementation of TerminalSession. */
  createLocal?(options: { cols: number; rows: number; cwd?: string; shell: string }): TerminalSession;
  /** SSH shells, from the SSH service (absent where SSH is not wired). */
  createSsh?(hostId: string, size: { cols: number; rows: number }, connection: ConnectionContext): TerminalSession;
  /** Pod exec and pod logs, from the Kubernetes service. */
  createPod?(request: Extract<OpenTerminalRequest, { kind: 'kube-exec' | 'kube-logs' }>): Promise<TerminalSession>;
}

export class TerminalService {
  private readonly terminals = new Map<string, ManagedTerminal>();
  /** What ties each terminal to its connection's lifetime, undone when the terminal closes first. */
  private readonly ownerships = new Map<string, () => void>();

  constructor(private readonly deps: TerminalServiceDeps) {}

  get count(): number {
    return this.terminals.size;
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['terminals'] {
    return {
      open: async (request) => {
        let session: TerminalSession;
        if (request.kind === 'kube-exec' || request.kind === 'kube-logs') {
          if (!this.deps.createPod) throw new WorkbenchError({ code: 'unavailable', message: 'pod terminals are not available in this host' });
          session = await this.deps.createPod(request);
        } else if (request.kind === 'ssh') {
          if (!this.deps.createSsh) throw new WorkbenchError({ code: 'unavailable', message: 'SSH terminals are not available in this host' });
          session = this.deps.createSsh(request.hostId, { cols: request.cols, rows: request.rows }, connection);
        } else {
          const shell = this.deps.settings().shell;
          const options = { cols: request.cols, rows: request.rows, shell, ...(request.cwd ? { cwd: request.cwd } : {}) };
          try {
            session = this.deps.createLocal ? this.deps.createLocal(options) : new LocalPtySession(options);
          } catch (error) {
            throw new WorkbenchError({ code: 'io', message: `could not start a shell: ${(error as Error).message}`, where: shell || process.env.SHELL || '/bin/bash' });
          }
        }
        const id = `t${randomBytes(6).toString('hex')}`;
        const terminal = new ManagedTerminal(id, connection.id, session, contract.terminals.output.flow);
        this.terminals.set(id, terminal);
        const ownership = connection.disposables.add(toDisposable(() => this.remove(id)));
        this.ownerships.set(id, () => connection.disposables.delete(ownership));
        connection.log.info('terminal opened', { id, shell: session.shell, ...(session.pid ? { pid: session.pid } : {}) });
        return {
          id,
          kind: session.kind,
          title: session.title,
          shell: session.shell,
          ...(session.pid !== undefined ? { pid: session.pid } : {}),
          ...(session.hostId !== undefined ? { hostId: session.hostId } : {}),
          ...(session.pod && 'context' in request ? { pod: { context: request.context, ...session.pod } } : {}),
        };
      },
      close: ({ id }) => ({ closed: this.remove(id, connection) }),
      busy: ({ id }) => {
        const terminal = this.owned(id, connection);
        if (terminal.session.exitStatus) return { busy: false };
        const foreground = terminal.session.foregroundProcess();
        // node-pty reports a path or a bare name, and login shells may show as "-bash".
        const name = (program: string) => program.split('/').pop()!.replace(/^-/, '');
        return foreground && name(foreground) !== name(terminal.session.shell) ? { busy: true, process: name(foreground) } : { busy: false };
      },
      reconnect: ({ id }) => {
        this.owned(id, connection).session.reconnect();
        return {};
      },
      output: ({ id }, sink) => this.owned(id, connection).attach(sink),
      write: ({ id, data }) => this.owned(id, connection).session.write(data),
      resize: ({ id, cols, rows }) => this.owned(id, connection).session.resize(cols, rows),
    };
  }

  private owned(id: string, connection: ConnectionContext): ManagedTerminal {
    const terminal = this.terminals.get(id);
    if (!terminal || terminal.ownerId !== connection.id) {
      throw new WorkbenchError({ code: 'not-found', message: `no terminal "${id}" in this window (it was closed, or belongs to another window)` });
    }
    return terminal;
  }

  private remove(id: string, connection?: ConnectionContext): boolean {
    const terminal = this.terminals.get(id);
    if (!terminal) return false;
    if (connection && terminal.ownerId !== connection.id) this.owned(id, connection);
    this.terminals.delete(id);
    this.ownerships.get(id)?.();
    this.ownerships.delete(id);
    terminal.dispose();
    return true;
  }

  dispose(): void {
    for (const id of [...this.terminals.keys()]) this.remove(id);
  }
}
