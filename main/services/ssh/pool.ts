import type { ConnectionState } from '../../../shared/contract/ssh';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { SecretStore } from '../store/secrets';
import { PooledConnection, type ConnectionLease, type ReconnectPolicy } from './connection';
import type { Asker } from './prompts';
import { targetKey, type SshTarget } from './target';

export interface SshPoolOptions {
  secrets: SecretStore;
  log: Logger;
  reconnect(): ReconnectPolicy;
  /** How long an unused connection stays open (OpenSSH's ControlPersist). */
  lingerMs?: number;
}

/** Every SSH connection the app holds, one per target, shared by all its users. */
export class SshPool {
  private readonly connections = new Map<string, PooledConnection>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(private readonly options: SshPoolOptions) {}

  /** A lease on the target's connection, connected (asking `asker` if needed). */
  async acquire(target: SshTarget, asker: Asker | undefined): Promise<ConnectionLease> {
    const lease = this.connectionFor(target).lease();
    try {
      await lease.connection.ready(asker);
      return lease;
    } catch (error) {
      lease.dispose();
      throw error;
    }
  }

  /** A lease without waiting for the connection (terminals show "connecting" themselves). */
  leaseNow(target: SshTarget): ConnectionLease {
    return this.connectionFor(target).lease();
  }

  private connectionFor(target: SshTarget): PooledConnection {
    const key = targetKey(target);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = new PooledConnection(target, {
        secrets: this.options.secrets,
        log: this.options.log,
        reconnect: this.options.reconnect,
        acquire: (t, asker) => this.acquire(t, asker),
        lingerMs: this.options.lingerMs ?? 30_000,
        onIdle: (c) => this.remove(c),
      });
      connection.onState((state) => {
        for (const listener of this.stateListeners) listener(state);
      });
      this.connections.set(key, connection);
    }
    return connection;
  }

  states(): ConnectionState[] {
    return [...this.connections.values()].map((c) => c.state);
  }

  onState(listener: (state: ConnectionState) => void): Disposable {
    this.stateListeners.add(listener);
    return toDisposable(() => this.stateListeners.delete(listener));
  }

  /** Close every connection to a host (the user asked to disconnect). */
  disconnect(hostId: string): number {
    let closed = 0;
    for (const connection of [...this.connections.values()]) {
      if (connection.target.hostId === hostId) {
        this.remove(connection);
        closed++;
      }
    }
    return closed;
  }

  get size(): number {
    return this.connections.size;
  }

  private remove(connection: PooledConnection): void {
    if (this.connections.get(connection.key) === connection) this.connections.delete(connection.key);
    connection.close();
  }

  dispose(): void {
    for (const connection of [...this.connections.values()]) this.remove(connection);
  }
}
