// Port forwards through a host's pooled connection: local (-L) and dynamic
// SOCKS (-D). They belong to the app, not to a window: they keep running when
// a window reloads, are listed with their state, and stop when asked or when
// the app exits. They bind to 127.0.0.1 unless told otherwise.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { Forward, ForwardSpec } from '../../../shared/contract/forwards';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import type { ConnectionLease } from './connection';
import type { SshService } from './service';
import { readSocksRequest, reply, SOCKS_REPLY } from './socks5';

interface Running {
  forward: Forward;
  server: net.Server;
  lease: ConnectionLease | undefined;
  sockets: Set<net.Socket>;
}

export class ForwardService {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(forward: Forward) => void>();

  constructor(
    private readonly ssh: SshService,
    private readonly log: Logger,
  ) {}

  list(): Forward[] {
    return [...this.running.values()].map((r) => r.forward);
  }

  onChange(listener: (forward: Forward) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  private changed(running: Running, patch: Partial<Forward>): void {
    running.forward = { ...running.forward, ...patch };
    for (const listener of this.listeners) listener(running.forward);
  }

  async start(spec: ForwardSpec, connection: ConnectionContext): Promise<Forward> {
    const id = `f${randomBytes(5).toString('hex')}`;
    const forward: Forward = {
      id,
      kind: spec.kind,
      hostId: spec.hostId,
      bindAddress: spec.bindAddress,
      bindPort: spec.bindPort,
      ...(spec.kind === 'local' ? { destHost: spec.destHost, destPort: spec.destPort } : {}),
      state: 'starting',
      active: 0,
      total: 0,
    };
    const running: Running = { forward, server: net.createServer(), lease: undefined, sockets: new Set() };
    this.running.set(id, running);
    this.changed(running, {});
    try {
      // Connect (asking this window's user if needed) before listening: a bad host fails here, not on first use.
      running.lease = await this.ssh.acquire(spec.hostId, connection);
      running.server.on('connection', (socket) => this.tunnel(running, spec, socket));
      await new Promise<void>((resolve, reject) => {
        running.server.once('error', reject);
        running.server.listen(spec.bindPort, spec.bindAddress, () => {
          running.server.off('error', reject);
          resolve();
        });
      });
      const address = running.server.address() as net.AddressInfo;
      this.changed(running, { state: 'listening', bindPort: address.port });
      this.log.info('forward listening', { id, kind: spec.kind, bind: `${spec.bindAddress}:${address.port}` });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const message = e.code === 'EADDRINUSE' ? `${spec.bindAddress}:${spec.bindPort} is already in use` : e.code === 'EACCES' ? `not allowed to listen on ${spec.bindAddress}:${spec.bindPort}` : e.message;
      running.lease?.dispose();
      running.lease = undefined;
      this.changed(running, { state: 'failed', error: message });
    }
    return running.forward;
  }

  private tunnel(running: Running, spec: ForwardSpec, socket: net.Socket): void {
    running.sockets.add(socket);
    this.changed(running, { active: running.sockets.size, total: running.forward.total + 1 });
    socket.once('close', () => {
      running.sockets.delete(socket);
      this.changed(running, { active: running.sockets.size });
    });
    socket.on('error', () => socket.destroy());
    void (async () => {
      const destination = spec.kind === 'local' ? { host: spec.destHost, port: spec.destPort } : await readSocksRequest(socket).catch(() => undefined);
      if (!destination) return socket.destroy();
      const client = await running.lease?.connection.ready(undefined).catch(() => undefined);
      if (!client) {
        if (spec.kind === 'dynamic') reply(socket, SOCKS_REPLY.networkUnreachable);
        return socket.destroy();
      }
      client.forwardOut(socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0, destination.host, destination.port, (error, channel) => {
        if (error) {
          this.log.debug('forward could not open a channel', { id: running.forward.id, error: error.message });
          if (spec.kind === 'dynamic') reply(socket, SOCKS_REPLY.hostUnreachable);
          return socket.destroy();
        }
        if (spec.kind === 'dynamic') reply(socket, SOCKS_REPLY.succeeded);
        socket.pipe(channel).pipe(socket);
        channel.on('error', () => socket.destroy());
        channel.on('close', () => socket.destroy());
        socket.on('close', () => channel.close());
      });
    })();
  }

  stop(id: string): boolean {
    const running = this.running.get(id);
    if (!running) return false;
    this.running.delete(id);
    running.server.close();
    for (const socket of running.sockets) socket.destroy();
    running.lease?.dispose();
    this.changed(running, { state: 'stopped', active: 0 });
    return true;
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['forwards'] {
    return {
      list: () => ({ forwards: this.list() }),
      start: (spec) => {
        if (spec.bindAddress !== '127.0.0.1' && spec.bindAddress !== 'localhost' && spec.bindAddress !== '::1') {
          connection.log.warn('a forward binds beyond loopback', { bind: spec.bindAddress });
        }
        return this.start(spec, connection);
      },
      stop: ({ id }) => {
        if (!this.stop(id)) throw new WorkbenchError({ code: 'not-found', message: `no forward "${id}" (already stopped?)` });
        return {};
      },
      changes: (_params, sink) => this.onChange((forward) => sink.emit(forward)),
    };
  }

  dispose(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }
}
