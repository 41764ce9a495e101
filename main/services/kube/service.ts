// The Kubernetes service: contexts from kubeconfig files (followed on disk),
// one Cluster per context the user opens (several at once), live views over
// shared informers, object details and actions, drains, pod port-forwards and
// the pod sessions the terminal service opens.
import path from 'node:path';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { KubeConnection, KubeContextList, KubeForward, KubeSettings, ObjectRef } from '../../../shared/contract/kube';
import type { OpenTerminalRequest } from '../../../shared/contract/terminals';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import { watchFiles } from '../store/watch-files';
import type { TerminalSession } from '../terminals/session';
import { Cluster } from './cluster';
import { drainNode } from './drain';
import { toWorkbenchError } from './errors';
import { kubeconfigPaths, loadKubeconfigs, type KubeconfigSet } from './kubeconfig';
import { applyYaml, cordonNode, deleteObject, eventsOf, getObject, getYaml, kindFor, relatedOfObject, restartObject, scaleObject } from './objects';
import { DEFAULT_SHELL, PodExecSession, PodLogsSession } from './pod-sessions';
import { PodForward } from './port-forward';
import { captureLoginShellEnvironment, mergeShellEnvironment } from './shell-env';
import { openView } from './view';

export interface KubeServiceDeps {
  settings(): KubeSettings;
  log: Logger;
  home: string;
  env?: NodeJS.ProcessEnv;
}

type PodRequest = Extract<OpenTerminalRequest, { kind: 'kube-exec' | 'kube-logs' }>;

export class KubeService {
  private configs: KubeconfigSet | undefined;
  private readonly clusters = new Map<string, Cluster>();
  private readonly connectionListeners = new Set<(state: KubeConnection) => void>();
  private readonly contextListeners = new Set<(reason: string) => void>();
  private readonly forwards = new Map<string, PodForward>();
  private readonly forwardListeners = new Set<(forward: KubeForward) => void>();
  private shellEnv: Promise<NodeJS.ProcessEnv> | undefined;
  private watcher: Disposable | undefined;
  private watchedFiles = '';
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly deps: KubeServiceDeps) {
    this.env = deps.env ?? process.env;
  }

  /** The kubeconfig files in merge order: $KUBECONFIG or ~/.kube/config, then settings' and the sandbox's extra files. */
  files(): string[] {
    const extra = [...this.deps.settings().kubeconfigFiles, ...(this.env.WORKBENCH_KUBECONFIG ?? '').split(path.delimiter).filter(Boolean)];
    return kubeconfigPaths(this.env, this.deps.home, extra);
  }

  private kubeconfigs(): KubeconfigSet {
    const files = this.files();
    if (!this.configs || files.join('\n') !== this.watchedFiles) {
      this.configs = loadKubeconfigs(files);
      this.follow(files);
    }
    return this.configs;
  }

  /** Re-read kubeconfig files when they change on disk, and tell the windows. */
  private follow(files: string[]): void {
    this.watcher?.dispose();
    this.watchedFiles = files.join('\n');
    this.watcher = watchFiles(files, () => {
      this.configs = undefined;
      this.deps.log.info('kubeconfig changed');
      for (const listener of this.contextListeners) listener('a kubeconfig file changed');
    });
  }

  contexts(): KubeContextList {
    const { contexts, problems, files } = this.kubeconfigs();
    return { contexts, problems, files };
  }

  /** Credential plugins get the login shell's environment, captured once (with a timeout). */
  private pluginEnvironment(): Promise<NodeJS.ProcessEnv> {
    if (!this.deps.settings().loginShellEnvironment) return Promise.resolve(this.env);
    this.shellEnv ??= captureLoginShellEnvironment({ baseEnv: this.env, timeoutMs: 5000 }).then(({ env, problem }) => {
      if (problem) this.deps.log.warn('login shell environment not used', { problem });
      return mergeShellEnvironment(this.env, env);
    });
    return this.shellEnv;
  }

  /** Start capturing the login shell's environment now, so the first exec plugin does not wait for it. */
  warmUp(): void {
    void this.pluginEnvironment();
  }

  cluster(context: string): Cluster {
    let cluster = this.clusters.get(context);
    if (!cluster) {
      cluster = new Cluster({
        context,
        kubeconfigs: () => this.kubeconfigs(),
        timeoutMs: () => this.deps.settings().requestTimeoutMs,
        lingerMs: () => this.deps.settings().informerLingerMs,
        pluginEnvironment: () => this.pluginEnvironment(),
        log: this.deps.log.child(context),
        changed: (state) => {
          for (const listener of this.connectionListeners) listener(state);
        },
      });
      this.clusters.set(context, cluster);
    }
    return cluster;
  }

  /** A connected cluster, or an error saying why it is not. */
  async connected(context: string): Promise<Cluster> {
    const cluster = this.cluster(context);
    const state = await cluster.connect();
    if (state.state !== 'connected') {
      throw new WorkbenchError({ code: state.failure === 'unauthorized' || state.failure === 'credential-plugin' ? 'permission-denied' : 'unavailable', message: state.error ?? 'not connected', where: context });
    }
    return cluster;
  }

  private async objectCall<T>(ref: ObjectRef, what: string, run: (cluster: Cluster) => Promise<T>): Promise<T> {
    const cluster = await this.connected(ref.context);
    try {
      return await run(cluster);
    } catch (error) {
      throw toWorkbenchError(error, `${ref.context}: ${what} ${ref.resource.resource}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`);
    }
  }

  /** A pod terminal for the terminal service: exec or logs, in the pod's default container unless one is named. */
  async openPodSession(request: PodRequest): Promise<TerminalSession> {
    const cluster = await this.connected(request.context);
    let container = request.container;
    if (!container) {
      const pods = kindFor(cluster, { group: '', version: 'v1', resource: 'pods' });
      const pod = await getObject(cluster, { context: request.context, resource: pods, namespace: request.namespace, name: request.pod }).catch((error: unknown) => {
        throw toWorkbenchError(error, `${request.context}: pod ${request.namespace}/${request.pod}`);
      });
      container = String(pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers?.[0]?.name ?? '');
    }
    const target = { namespace: request.namespace, pod: request.pod, container };
    if (request.kind === 'kube-exec') return new PodExecSession(cluster.client, target, request.command ?? DEFAULT_SHELL, { cols: request.cols, rows: request.rows });
    return new PodLogsSession(cluster.client, target, { tailLines: request.tailLines, previous: request.previous });
  }

  forwardList(): KubeForward[] {
    return [...this.forwards.values()].map((f) => f.state);
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['kube'] {
    return {
      contexts: () => this.contexts(),
      contextsChanged: (_params, sink) => {
        const listener = (reason: string) => sink.emit({ reason });
        this.contextListeners.add(listener);
        return toDisposable(() => this.contextListeners.delete(listener));
      },
      connect: async ({ context }) => {
        if (!this.contexts().contexts.some((c) => c.name === context)) {
          throw new WorkbenchError({ code: 'not-found', message: `no context "${context}" in ${this.contexts().files.join(', ') || 'any kubeconfig file'}` });
        }
        return this.cluster(context).connect();
      },
      disconnect: ({ context }) => {
        this.clusters.get(context)?.disconnect();
        this.clusters.delete(context);
        return {};
      },
      connections: (_params, sink) => {
        for (const cluster of this.clusters.values()) sink.emit(cluster.state);
        const listener = (state: KubeConnection) => sink.emit(state);
        this.connectionListeners.add(listener);
        return toDisposable(() => this.connectionListeners.delete(listener));
      },
      view: async (params, sink) => {
        const cluster = await this.connected(params.context);
        const kind = kindFor(cluster, params.resource);
        if (!kind.verbs.includes('list') || !kind.verbs.includes('watch')) {
          throw new WorkbenchError({ code: 'invalid-request', message: `${kind.kind} cannot be listed and watched (verbs: ${kind.verbs.join(', ') || 'none'})` });
        }
        const held = cluster.informers.acquire(kind);
        try {
          const view = openView(held.informer, params, sink);
          return toDisposable(() => {
            view.dispose();
            held.release();
          });
        } catch (error) {
          held.release();
          throw error;
        }
      },
      get: (ref) => this.objectCall(ref, 'get', (cluster) => getYaml(cluster, ref)),
      apply: ({ yaml, resourceVersion, ...ref }) => this.objectCall(ref, 'apply', (cluster) => applyYaml(cluster, ref, yaml, resourceVersion)),
      events: (ref) => this.objectCall(ref, 'events of', async (cluster) => ({ events: await eventsOf(cluster, ref) })),
      related: (ref) => this.objectCall(ref, 'relations of', (cluster) => relatedOfObject(cluster, ref)),
      scale: ({ replicas, ...ref }) => this.objectCall(ref, 'scale', async (cluster) => (await scaleObject(cluster, ref, replicas), {})),
      restart: (ref) => this.objectCall(ref, 'restart', async (cluster) => (await restartObject(cluster, ref), {})),
      delete: (ref) => {
        connection.log.info('kube delete', { context: ref.context, resource: ref.resource.resource, namespace: ref.namespace, name: ref.name });
        return this.objectCall(ref, 'delete', async (cluster) => (await deleteObject(cluster, ref), {}));
      },
      cordon: async ({ context, node, unschedulable }) => {
        const cluster = await this.connected(context);
        try {
          await cordonNode(cluster, node, unschedulable);
        } catch (error) {
          throw toWorkbenchError(error, `${context}: node ${node}`);
        }
        return {};
      },
      drain: async (request, sink) => {
        const cluster = await this.connected(request.context);
        drainNode(cluster, { ...request, signal: sink.signal }, (event) => sink.emit(event)).then(
          () => sink.end(),
          (error: unknown) => sink.end(toWorkbenchError(error, `${request.context}: drain ${request.node}`)),
        );
      },
      forwards: () => ({ forwards: this.forwardList() }),
      forward: async (spec) => {
        const cluster = await this.connected(spec.context);
        const forward = new PodForward(cluster.client, spec, this.deps.log.child('port-forward'), (state) => {
          for (const listener of this.forwardListeners) listener(state);
        });
        try {
          const state = await forward.start();
          this.forwards.set(forward.id, forward);
          return state;
        } catch (error) {
          throw new WorkbenchError({ code: 'io', message: `cannot listen on 127.0.0.1:${spec.localPort}: ${(error as Error).message}`, field: 'localPort' });
        }
      },
      stopForward: ({ id }) => {
        const forward = this.forwards.get(id);
        if (!forward) throw new WorkbenchError({ code: 'not-found', message: `no port-forward "${id}"` });
        forward.stop();
        this.forwards.delete(id);
        return {};
      },
      forwardChanges: (_params, sink) => {
        const listener = (forward: KubeForward) => sink.emit(forward);
        this.forwardListeners.add(listener);
        return toDisposable(() => this.forwardListeners.delete(listener));
      },
    };
  }

  /** Figures for diagnostics and the benchmark. */
  stats(): { clusters: number; informers: number; rows: number; forwards: number } {
    let informers = 0;
    let rows = 0;
    for (const cluster of this.clusters.values()) {
      informers += cluster.informers.size;
      rows += cluster.informers.rows();
    }
    return { clusters: this.clusters.size, informers, rows, forwards: this.forwards.size };
  }

  dispose(): void {
    for (const forward of this.forwards.values()) forward.stop();
    this.forwards.clear();
    for (const cluster of this.clusters.values()) cluster.disconnect();
    this.clusters.clear();
    this.watcher?.dispose();
  }
}

