// `kubectl port-forward` for pods: a local listener on 127.0.0.1, and for each
// connection accepted one WebSocket to the pod's portforward endpoint
// (portforward.k8s.io: data on channel 0, errors on channel 1, each opened by
// the server with the port number), piped both ways with backpressure.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { WebSocket } from 'ws';
import type { KubeForward } from '../../../shared/contract/kube';
import type { Logger } from '../log';
import type { KubeClient } from './client';

const DATA = 0;
const ERROR = 1;

export interface PodForwardSpec {
  context: string;
  namespace: string;
  pod: string;
  podPort: number;
  localPort: number;
}

export class PodForward {
  readonly id = `kf${randomBytes(5).toString('hex')}`;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private info: KubeForward;

  constructor(
    private readonly client: KubeClient,
    readonly spec: PodForwardSpec,
    private readonly log: Logger,
    private readonly changed: (forward: KubeForward) => void,
  ) {
    this.info = { id: this.id, context: spec.context, namespace: spec.namespace, pod: spec.pod, podPort: spec.podPort, localAddress: '127.0.0.1', localPort: spec.localPort, state: 'listening', active: 0, total: 0 };
  }

  get state(): KubeForward {
    return { ...this.info };
  }

  private update(patch: Partial<KubeForward>): void {
    this.info = { ...this.info, ...patch };
    this.changed(this.state);
  }

  /** Listen; rejects if the local port is taken. */
  async start(): Promise<KubeForward> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.spec.localPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as net.AddressInfo;
    this.update({ localPort: address.port, state: 'listening' });
    return this.state;
  }

  private accept(local: net.Socket): void {
    this.sockets.add(local);
    this.update({ active: this.sockets.size, total: this.info.total + 1 });
    local.pause();
    const done = () => {
      if (!this.sockets.delete(local)) return;
      this.update({ active: this.sockets.size });
    };
    local.on('close', done);
    local.on('error', () => local.destroy());
    const { namespace, pod, podPort } = this.spec;
    this.client
      .webSocket(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward`, [['ports', String(podPort)]], ['portforward.k8s.io'])
      .then((socket) => this.pipe(local, socket))
      .catch((error: Error) => {
        this.log.warn('port-forward connection failed', { pod: `${namespace}/${pod}`, error: error.message });
        this.update({ error: error.message });
        local.destroy();
      });
  }

  private pipe(local: net.Socket, socket: WebSocket): void {
    if (local.destroyed) {
      socket.close();
      return;
    }
    // The server opens each channel with the port number (2 bytes) before any data.
    const opened = [false, false];
    let errorText = '';
    socket.on('message', (data: Buffer) => {
      if (data.length === 0) return;
      const channel = data[0]!;
      let payload = data.subarray(1);
      if (channel > ERROR) return;
      if (!opened[channel]) {
        opened[channel] = true;
        payload = payload.subarray(2);
      }
      if (payload.length === 0) return;
      if (channel === DATA) {
        if (!local.write(payload)) {
          socket.pause();
          local.once('drain', () => socket.resume());
        }
      } else {
        errorText += payload.toString('utf8');
      }
    });
    socket.on('close', () => {
      if (errorText) {
        this.log.warn('port-forward error from the pod', { pod: `${this.spec.namespace}/${this.spec.pod}`, error: errorText });
        this.update({ error: errorText.trim() });
      }
      local.end();
    });
    socket.on('error', () => local.destroy());
    local.on('data', (chunk: Buffer) => {
      if (socket.readyState !== socket.OPEN) return;
      const frame = Buffer.allocUnsafe(chunk.length + 1);
      frame[0] = DATA;
      chunk.copy(frame, 1);
      socket.send(frame);
      // The WebSocket buffers what the network has not taken: stop reading the local side until it drains.
      if (socket.bufferedAmount > 1 << 20) {
        local.pause();
        const wait = setInterval(() => {
          if (socket.bufferedAmount < 1 << 18 || socket.readyState !== socket.OPEN) {
            clearInterval(wait);
            local.resume();
          }
        }, 10);
      }
    });
    local.on('end', () => socket.close(1000));
    local.on('close', () => {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(1000);
    });
    local.resume();
  }

  stop(): void {
    this.server?.close();
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.update({ state: 'stopped', active: 0 });
  }
}
