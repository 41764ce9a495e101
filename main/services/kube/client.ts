// One cluster's HTTP client. client-node reads the kubeconfig and builds the
// credentials (tokens, client certificates, exec plugins, auth providers,
// proxies); requests go through Node's https with a keep-alive agent so a
// paged list of 100 pages is 100 requests on one TLS connection, every
// request has a deadline, and a watch is read line by line as it streams.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { WebSocket } from 'ws';
import { WorkbenchError } from '../../../shared/contract/errors';
import { apiErrorFrom, KubeTransportError, transportErrorFrom } from './errors';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API path, without the server's own path prefix: `/api/v1/pods`. */
  path: string;
  query?: Query;
  body?: unknown;
  /** For PATCH: `application/merge-patch+json`, `application/strategic-merge-patch+json`, `application/json-patch+json`. */
  contentType?: string;
  accept?: string;
  /** Overrides the client's request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeClientOptions {
  kubeconfig: KubeConfig;
  /** How long a request may take (and a watch may stay silent past its own timeout). */
  timeoutMs(): number;
  /** The environment credential plugins run with (the login shell's PATH); awaited before the first request. */
  pluginEnvironment(): Promise<NodeJS.ProcessEnv>;
}

interface ExecAuthLike {
  execFn: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  tokenCache: Record<string, unknown>;
}

export class KubeClient {
  readonly server: URL;
  private readonly agents = new Map<string, http.Agent>();
  private pluginEnv: NodeJS.ProcessEnv = process.env;
  private lastPluginExit: { code: number | null; signal: NodeJS.Signals | null; timedOut: boolean } | undefined;
  private readonly execAuth: ExecAuthLike | undefined;

  constructor(private readonly options: KubeClientOptions) {
    const cluster = options.kubeconfig.getCurrentCluster();
    if (!cluster) throw new KubeTransportError('config', 'the context names no cluster');
    try {
      this.server = new URL(cluster.server);
    } catch {
      throw new KubeTransportError('config', `the cluster's server is not a URL: "${cluster.server}"`);
    }
    if (this.server.protocol !== 'https:' && this.server.protocol !== 'http:') throw new KubeTransportError('config', `the cluster's server must be https:// (got ${cluster.server})`);
    this.execAuth = this.wrapCredentialPlugins();
  }

  get serverLabel(): string {
    return this.server.origin + this.server.pathname.replace(/\/$/, '');
  }

  /** GET/POST/... and parse the JSON answer. */
  async json<T>(request: KubeRequest): Promise<T> {
    const text = await this.text(request);
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new KubeTransportError('protocol', `the API server answered ${request.path} with something that is not JSON: ${text.slice(0, 120)}`);
    }
  }

  async text(request: KubeRequest): Promise<string> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs();
    const response = await this.send(request, timeoutMs, 'whole');
    return response.body;
  }

  /**
   * Stream a response line by line (watch). Resolves when the server ends the
   * stream; rejects on errors, or when no byte arrived for `idleMs`.
   */
  async lines(request: KubeRequest, onLine: (line: string) => void, idleMs: number): Promise<void> {
    await this.send(request, this.options.timeoutMs(), 'lines', onLine, idleMs);
  }

  /** Open a raw streaming response (pod logs followed) once its headers arrive. */
  async open(request: KubeRequest): Promise<http.IncomingMessage> {
    const { response } = await this.start(request, request.timeoutMs ?? this.options.timeoutMs());
    return response;
  }

  private async send(request: KubeRequest, timeoutMs: number, mode: 'whole'): Promise<{ body: string }>;
  private async send(request: KubeRequest, timeoutMs: number, mode: 'lines', onLine: (line: string) => void, idleMs: number): Promise<{ body: string }>;
  private async send(request: KubeRequest, timeoutMs: number, mode: 'whole' | 'lines', onLine?: (line: string) => void, idleMs = 0): Promise<{ body: string }> {
    const { response, deadline, fail } = await this.start(request, timeoutMs, mode === 'whole');
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let pending = '';
      let idle: NodeJS.Timeout | undefined;
      const armIdle = () => {
        if (mode !== 'lines') return;
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => response.destroy(new KubeTransportError('timeout', `the watch on ${request.path} went silent for ${Math.round(idleMs / 1000)} s`)), idleMs);
      };
      armIdle();
      /** The consumer's own reason to stop the stream wins over how the socket then ended. */
      let refused: Error | undefined;
      const done = (failure?: Error) => {
        const error = refused ?? failure;
        clearTimeout(deadline);
        if (idle) clearTimeout(idle);
        if (error) reject(error);
        else resolve({ body: mode === 'whole' ? Buffer.concat(chunks).toString('utf8') : '' });
      };
      fail.then(done);
      if (mode === 'lines') {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          armIdle();
          pending += chunk;
          let nl = pending.indexOf('\n');
          while (nl >= 0) {
            const line = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            if (line.trim()) {
              try {
                onLine!(line);
              } catch (error) {
                // The consumer refused the stream (a 410 in a watch): end it, and reject with its error.
                refused = error as Error;
                response.destroy(refused);
                return;
              }
            }
            nl = pending.indexOf('\n');
          }
        });
      } else {
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
      }
      response.on('end', () => {
        if (mode === 'lines' && pending.trim()) onLine!(pending);
        done();
      });
      response.on('error', (error: NodeJS.ErrnoException) => done(error instanceof KubeTransportError || !error.code ? error : transportErrorFrom(error, this.serverLabel)));
      response.on('aborted', () => done(new KubeTransportError('unreachable', `the connection to ${this.serverLabel} closed mid-answer`)));
    });
  }

  /** Sends the request; resolves with a 2xx response, rejects with the API's Status otherwise. */
  private async start(
    request: KubeRequest,
    timeoutMs: number,
    deadlineCoversBody = false,
    retriedAuth = false,
  ): Promise<{ response: http.IncomingMessage; deadline: NodeJS.Timeout; fail: Promise<Error> }> {
    const options = await this.requestOptions();
    const url = new URL(this.server.toString());
    url.pathname = `${url.pathname.replace(/\/$/, '')}${request.path}`;
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>), Accept: request.accept ?? 'application/json', 'User-Agent': 'workbench' };
    let payload: string | undefined;
    if (request.body !== undefined) {
      payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const transport = url.protocol === 'http:' ? http : https;
    const what = `${request.method ?? 'GET'} ${request.path}`;

    return new Promise((resolve, reject) => {
      let settled = false;
      let failed: (error: Error) => void = () => {};
      const fail = new Promise<Error>((r) => (failed = r));
      const req = transport.request(url, { ...options, method: request.method ?? 'GET', headers });
      const deadline = setTimeout(() => {
        const error = new KubeTransportError('timeout', `no answer from ${this.serverLabel} within ${Math.round(timeoutMs / 100) / 10} s (${what})`);
        req.destroy(error);
        if (settled) failed(error);
      }, timeoutMs);
      const onAbort = () => {
        const error = new WorkbenchError({ code: 'timeout', message: 'cancelled' });
        req.destroy(error);
        if (settled) failed(error);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      if (request.signal?.aborted) onAbort(); // cancelled while the credentials were read
      req.on('error', (error: NodeJS.ErrnoException) => {
        request.signal?.removeEventListener('abort', onAbort);
        const mapped = error instanceof KubeTransportError || error instanceof WorkbenchError ? error : transportErrorFrom(error, this.serverLabel);
        if (!settled) {
          settled = true;
          clearTimeout(deadline);
          reject(mapped);
        } else failed(mapped);
      });
      req.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          settled = true;
          if (!deadlineCoversBody) clearTimeout(deadline);
          response.on('close', () => request.signal?.removeEventListener('abort', onAbort));
          resolve({ response, deadline, fail });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          settled = true;
          clearTimeout(deadline);
          request.signal?.removeEventListener('abort', onAbort);
          const error = apiErrorFrom(status, Buffer.concat(chunks).toString('utf8'), '');
          // An exec plugin's cached token may have expired early: ask the plugin again, once (as kubectl does).
          if (status === 401 && !retriedAuth && this.execAuth) {
            this.execAuth.tokenCache = {};
            this.start(request, timeoutMs, deadlineCoversBody, true).then(resolve, reject);
            return;
          }
          reject(error);
        });
        response.on('error', (e) => reject(transportErrorFrom(e as NodeJS.ErrnoException, this.serverLabel)));
      });
      req.end(payload);
    });
  }

  /**
   * Open a WebSocket to a pod's exec, attach or portforward endpoint with the
   * same credentials; resolves once the server accepted a subprotocol.
   */
  async webSocket(path: string, query: Array<[string, string]>, protocols: string[], timeoutMs = this.options.timeoutMs()): Promise<WebSocket> {
    const options = await this.requestOptions();
    const url = new URL(this.server.toString());
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
    url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
    for (const [key, value] of query) url.searchParams.append(key, value);
    const socket = new WebSocket(url, protocols, {
      headers: options.headers as Record<string, string>,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.cert ? { cert: options.cert } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        socket.removeAllListeners('open');
        socket.terminate();
        reject(error);
      };
      socket.once('open', () => {
        socket.removeAllListeners('unexpected-response');
        resolve(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ? transportErrorFrom(error, this.serverLabel) : new KubeTransportError('protocol', error.message)));
      socket.once('unexpected-response', (_req, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => fail(apiErrorFrom(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), '')));
      });
    });
  }

  /** TLS material and the Authorization header, from client-node (exec plugins run here). */
  private async requestOptions(): Promise<https.RequestOptions> {
    const kc = this.options.kubeconfig;
    const user = kc.getCurrentUser();
    if (user?.exec) this.pluginEnv = await this.options.pluginEnvironment();
    const options: https.RequestOptions = {};
    try {
      await kc.applyToHTTPSOptions(options);
    } catch (error) {
      throw this.describeCredentialError(error as Error);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster?.proxyUrl) options.agent = this.agentFor(options);
    return options;
  }

  /** A keep-alive agent per TLS identity (an exec plugin may hand out a new client certificate). */
  private agentFor(options: https.RequestOptions): http.Agent {
    const key = `${String(options.cert ?? '')}|${String(options.key ?? '')}|${String(options.ca ?? '').length}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent =
        this.server.protocol === 'http:'
          ? new http.Agent({ keepAlive: true, maxSockets: 16 })
          : new https.Agent({
              keepAlive: true,
              maxSockets: 16,
              ...(options.ca ? { ca: options.ca } : {}),
              ...(options.cert ? { cert: options.cert } : {}),
              ...(options.key ? { key: options.key } : {}),
              ...(options.servername ? { servername: options.servername } : {}),
              ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
            });
      for (const old of this.agents.values()) old.destroy();
      this.agents.clear();
      this.agents.set(key, agent);
    }
    return agent;
  }

  /**
   * client-node runs exec credential plugins with `spawn` and no deadline; we
   * give them the login shell's environment, kubectl's KUBERNETES_EXEC_INFO
   * and a deadline, and remember how they ended to say so.
   */
  private wrapCredentialPlugins(): ExecAuthLike | undefined {
    const authenticators = (this.options.kubeconfig as unknown as { authenticators?: unknown[] }).authenticators ?? [];
    const execAuth = authenticators.find((a): a is ExecAuthLike => typeof (a as ExecAuthLike | undefined)?.execFn === 'function');
    if (!execAuth) return undefined;
    const user = this.options.kubeconfig.getCurrentUser();
    const apiVersion = (user?.exec as { apiVersion?: string } | undefined)?.apiVersion ?? 'client.authentication.k8s.io/v1';
    execAuth.execFn = (command, args, spawnOptions) => {
      // client-node passes {...process.env, ...exec.env} when the kubeconfig sets env; keep only what it added.
      const added: NodeJS.ProcessEnv = {};
      for (const [key, value] of Object.entries(spawnOptions.env ?? {})) if (process.env[key] !== value) added[key] = value;
      const timeoutMs = this.options.timeoutMs();
      const child = spawn(command, args ?? [], {
        ...spawnOptions,
        env: {
          ...this.pluginEnv,
          ...added,
          KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      });
      const started = Date.now();
      child.on('exit', (code, signal) => {
        this.lastPluginExit = { code, signal, timedOut: signal === 'SIGKILL' && Date.now() - started >= timeoutMs - 50 };
      });
      return child;
    };
    return execAuth;
  }

  private describeCredentialError(error: Error): Error {
    const user = this.options.kubeconfig.getCurrentUser();
    const exec = user?.exec as { command?: string } | undefined;
    if (!exec?.command) return new KubeTransportError('config', `credentials: ${error.message}`);
    const command = exec.command;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return new KubeTransportError('credential-plugin', `credential plugin "${command}" was not found (searched the login shell's PATH: ${this.pluginEnv.PATH ?? ''})`);
    }
    const exit = this.lastPluginExit;
    const stderr = error.message.trim();
    if (exit?.timedOut) return new KubeTransportError('credential-plugin', `credential plugin "${command}" gave no credential within ${Math.round(this.options.timeoutMs() / 1000)} s${stderr ? `: ${stderr}` : ''}`);
    if (error instanceof SyntaxError) return new KubeTransportError('credential-plugin', `credential plugin "${command}" printed something that is not an ExecCredential: ${error.message}`);
    const how = exit && exit.code !== null ? `exited with ${exit.code}` : exit?.signal ? `was killed (${exit.signal})` : 'failed';
    return new KubeTransportError('credential-plugin', `credential plugin "${command}" ${how}${stderr ? `: ${stderr}` : ''}`);
  }

  dispose(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
