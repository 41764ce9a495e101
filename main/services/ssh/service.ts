// SSH for the whole app: one pool of connections, the questions they ask,
// shells for terminals. Which host means what comes from the hosts service.
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { SshSettings } from '../../../shared/contract/settings';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import type { SecretStore } from '../store/secrets';
import type { TerminalSession } from '../terminals/session';
import type { Client } from 'ssh2';
import type { ConnectionLease } from './connection';
import { SshError } from './errors';
import { SshPool } from './pool';
import { PromptBroker } from './prompts';
import { SshShellSession } from './shell-session';
import type { SshTarget } from './target';

export interface SshServiceDeps {
  secrets: SecretStore;
  log: Logger;
  settings(): SshSettings;
  /** The target for a host id (throws not-found). */
  target(hostId: string): SshTarget;
}

export class SshService {
  readonly pool: SshPool;
  readonly prompts = new PromptBroker();

  constructor(private readonly deps: SshServiceDeps) {
    this.pool = new SshPool({
      secrets: deps.secrets,
      log: deps.log,
      reconnect: () => {
        const s = deps.settings();
        return { attempts: s.reconnectAttempts, firstDelayMs: s.reconnectFirstDelayMs, maxDelayMs: 30_000 };
      },
    });
  }

  /** A shell on `hostId` as a terminal session; it connects (and asks the window's user) in the background. */
  openShell(hostId: string, size: { cols: number; rows: number }, connection: ConnectionContext): TerminalSession {
    const target = this.deps.target(hostId);
    const lease = this.pool.leaseNow(target);
    return new SshShellSession(hostId, lease, this.prompts.askerFor(connection.id), { ...size, title: hostId }, this.deps.log.child('shell'));
  }

  /** A connected lease for commands, SFTP and forwards. */
  acquire(hostId: string, connection: ConnectionContext | undefined): Promise<ConnectionLease> {
    return this.pool.acquire(this.deps.target(hostId), connection ? this.prompts.askerFor(connection.id) : undefined);
  }

  /**
   * Use a host's connection for one job. A pooled connection can be dead before
   * its close event has been handled (the host just went away): the first use
   * then fails with "Not connected", and the job is tried once more on a new
   * connection, which reports the real reason (refused, timeout...).
   */
  async withConnection<T>(hostId: string, connection: ConnectionContext | undefined, job: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const lease = await this.acquire(hostId, connection);
      try {
        const client = lease.connection.ssh;
        if (!client) throw new SshError('lost', 'the connection closed', hostId);
        return await job(client);
      } catch (error) {
        if (attempt === 0 && /not connected|write after end|no response from server|channel open failure/i.test((error as Error).message ?? '')) {
          const client = lease.connection.ssh;
          if (client) lease.connection.markDead(client);
          continue;
        }
        throw error;
      } finally {
        lease.dispose();
      }
    }
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['ssh'] {
    return {
      prompts: (_params, sink) => this.prompts.attach(connection.id, (prompt) => sink.emit(prompt)),
      answer: ({ id, answer }) => {
        if (!this.prompts.answer(connection.id, id, answer)) {
          throw new WorkbenchError({ code: 'not-found', message: 'that question is no longer open (it timed out or was answered)' });
        }
        return {};
      },
      states: (_params, sink) => {
        for (const state of this.pool.states()) sink.emit(state);
        return this.pool.onState((state) => sink.emit(state));
      },
      disconnect: ({ hostId }) => ({ closed: this.pool.disconnect(hostId) }),
      forget: ({ hostId }) => {
        const hop = this.deps.target(hostId).hop;
        const key = `ssh-password:${hop.user}@${hop.hostname}:${hop.port}`;
        const had = this.deps.secrets.has(key);
        this.deps.secrets.delete(key);
        return { forgotten: had };
      },
    };
  }

  dispose(): void {
    this.pool.dispose();
  }
}
