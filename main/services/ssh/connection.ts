// One pooled SSH connection, shared by every terminal, command, SFTP session
// and forward to the same target (OpenSSH's ControlMaster idea). When it drops
// while in use it reconnects with exponential backoff, reporting each state;
// it gives up after the configured number of attempts, never hangs.
import type { Client, SFTPWrapper } from 'ssh2';
import type { ConnectionState, ConnectionStateName } from '../../../shared/contract/ssh';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { SecretStore } from '../store/secrets';
import { connectHop } from './connect';
import { SshError } from './errors';
import type { Asker } from './prompts';
import { targetKey, type SshTarget } from './target';

export interface ReconnectPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface PoolContext {
  secrets: SecretStore;
  log: Logger;
  reconnect(): ReconnectPolicy;
  /** Lease the connection to a jump host. */
  acquire(target: SshTarget, asker: Asker | undefined): Promise<ConnectionLease>;
  /** How long an unused connection stays open for reuse. */
  lingerMs: number;
  onIdle(connection: PooledConnection): void;
}

/** A user of a pooled connection; releasing the last lease lets the connection close. */
export interface ConnectionLease extends Disposable {
  readonly connection: PooledConnection;
}

export class PooledConnection {
  readonly key: string;
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private current: ConnectionState;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private leases = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private jumpLease: ConnectionLease | undefined;
  /** One SFTP subsystem per connection, opened on first use and shared. */
  private sftpSession: Promise<SFTPWrapper> | undefined;
  /** Who to ask when a reconnect needs an answer: the last user who connected. */
  private asker: Asker | undefined;
  private closed = false;

  constructor(
    readonly target: SshTarget,
    private readonly ctx: PoolContext,
  ) {
    this.key = targetKey(target);
    this.current = { hostId: target.hostId, target: this.key, state: 'closed' };
  }

  get state(): ConnectionState {
    return this.current;
  }

  get ssh(): Client | undefined {
    return this.current.state === 'connected' ? this.client : undefined;
  }

  onState(listener: (state: ConnectionState) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  lease(): ConnectionLease {
    this.leases++;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    let released = false;
    return {
      connection: this,
      dispose: () => {
        if (released) return;
        released = true;
        this.leases--;
        if (this.leases === 0) this.idle();
      },
    };
  }

  /** Connected client, connecting first if needed (sharing an attempt already under way). */
  async ready(asker: Asker | undefined): Promise<Client> {
    if (asker) this.asker = asker;
    // A host that just died may not have had its close event handled yet: a socket that can no
    // longer be written to means the connection is gone, whatever the last event said.
    if (this.client && this.current.state === 'connected' && !socketWritable(this.client)) this.dropped(this.client);
    if (this.client && this.current.state === 'connected') return this.client;
    if (this.connecting) return this.connecting;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    return this.connect(asker ?? this.asker);
  }

  /** The connection's SFTP session (connecting first if needed). */
  async sftp(asker: Asker | undefined): Promise<SFTPWrapper> {
    const client = await this.ready(asker);
    if (!this.sftpSession) {
      const opening = new Promise<SFTPWrapper>((resolve, reject) => {
        client.sftp((error, sftp) => {
          if (error) return reject(new SshError('protocol', `the host refused an SFTP session: ${error.message}`, this.target.hop.label));
          sftp.once('close', () => {
            if (this.sftpSession === opening) this.sftpSession = undefined;
          });
          resolve(sftp);
        });
      });
      this.sftpSession = opening;
      opening.catch(() => {
        if (this.sftpSession === opening) this.sftpSession = undefined;
      });
    }
    return this.sftpSession;
  }

  /** A use of the connection found it dead before its close event arrived. */
  markDead(client: Client): void {
    this.dropped(client);
  }

  /** The user pressed "reconnect now": skip the rest of the backoff. */
  reconnectNow(asker?: Asker): void {
    if (this.current.state === 'connected' || this.connecting) return;
    this.attempt = 0;
    void this.ready(asker).catch(() => {});
  }

  private connect(asker: Asker | undefined): Promise<Client> {
    this.emit({ state: 'connecting', ...(this.attempt > 0 ? { attempt: this.attempt } : {}) });
    const attempt = (async () => {
      let sock;
      if (this.target.via) {
        this.jumpLease?.dispose();
        this.jumpLease = await this.ctx.acquire(this.target.via, asker);
        const jump = await this.jumpLease.connection.ready(asker);
        sock = await forwardOut(jump, this.target.hop.hostname, this.target.hop.port, this.target.hop.label);
      }
      return connectHop(this.target.hop, { asker, secrets: this.ctx.secrets, log: this.ctx.log, ...(sock ? { sock } : {}) });
    })();
    this.connecting = attempt;
    return attempt.then(
      (client) => {
        this.connecting = undefined;
        if (this.closed) {
          client.end();
          throw new SshError('lost', 'the connection was closed', this.target.hop.label);
        }
        this.client = client;
        this.attempt = 0;
        client.on('error', (error) => this.ctx.log.debug('ssh connection error', { target: this.key, error: error.message }));
        client.once('close', () => this.dropped(client));
        this.emit({ state: 'connected' });
        return client;
      },
      (error: unknown) => {
        this.connecting = undefined;
        const failure = error instanceof SshError ? error : new SshError('protocol', String(error), this.target.hop.label);
        // A host that never connected (or refuses us) fails at once; one that dropped keeps trying.
        if (this.attempt > 0 && this.leases > 0 && !isFinal(failure)) this.scheduleRetry(failure.message);
        else this.emit({ state: 'failed', reason: failure.message, failure: failure.failure });
        throw failure;
      },
    );
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.sftpSession = undefined;
    if (this.closed) return;
    if (this.leases === 0) {
      this.emit({ state: 'closed' });
      return;
    }
    this.ctx.log.info('ssh connection lost', { target: this.key });
    this.emit({ state: 'lost', reason: 'the connection dropped' });
    this.attempt = 0;
    this.scheduleRetry('the connection dropped');
  }

  private scheduleRetry(reason: string): void {
    const policy = this.ctx.reconnect();
    if (this.attempt >= policy.attempts) {
      this.emit({ state: 'failed', reason: `${reason}; gave up after ${policy.attempts} attempts`, failure: 'lost' });
      return;
    }
    this.attempt++;
    const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (this.attempt - 1));
    this.emit({ state: 'reconnecting', attempt: this.attempt, nextRetryInMs: delay, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect(this.asker).catch(() => {});
    }, delay);
  }

  private idle(): void {
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.leases === 0) this.ctx.onIdle(this);
    }, this.ctx.lingerMs);
    this.lingerTimer.unref?.();
  }

  private emit(state: Omit<ConnectionState, 'hostId' | 'target'> & { state: ConnectionStateName }): void {
    this.current = { hostId: this.target.hostId, target: this.key, ...state };
    for (const listener of this.listeners) listener(this.current);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.client?.end();
    this.client = undefined;
    this.jumpLease?.dispose();
    this.emit({ state: 'closed' });
    this.listeners.clear();
  }
}

function socketWritable(client: Client): boolean {
  const sock = (client as unknown as { _sock?: { writable?: boolean; destroyed?: boolean } })._sock;
  return !!sock && sock.writable !== false && !sock.destroyed;
}

/** Auth and host key failures do not heal by retrying; only network ones do. */
function isFinal(error: SshError): boolean {
  return error.failure === 'auth' || error.failure.startsWith('host-key');
}

function forwardOut(client: Client, host: string, port: number, label: string) {
  return new Promise<import('ssh2').ClientChannel>((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      if (error) reject(new SshError('refused', `the jump host could not reach ${host}:${port}: ${error.message}`, label));
      else resolve(channel);
    });
  });
}
