// One open cluster: its client, what it serves, its shared informers. Connecting
// is two requests' worth of waiting (version, discovery) and never checks
// permissions kind by kind; CRDs that come and go re-run discovery.
import type { KubeConnection, KubeKind } from '../../../shared/contract/kube';
import type { Logger } from '../log';
import { KubeClient } from './client';
import { discoverKinds } from './discovery';
import { failureOf } from './errors';
import { Informer, InformerRegistry } from './informer';
import type { KubeconfigSet } from './kubeconfig';
import type { ObjectContext } from './objects';

export interface ClusterOptions {
  context: string;
  kubeconfigs: () => KubeconfigSet;
  timeoutMs(): number;
  lingerMs(): number;
  pluginEnvironment(): Promise<NodeJS.ProcessEnv>;
  log: Logger;
  changed(state: KubeConnection): void;
}

export class Cluster implements ObjectContext {
  private stateNow: KubeConnection;
  private clientNow: KubeClient | undefined;
  private kindsNow: KubeKind[] = [];
  private connecting: Promise<KubeConnection> | undefined;
  readonly informers: InformerRegistry;
  private crdWatch: { release(): void; unsubscribe(): void } | undefined;
  private rediscoverTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ClusterOptions) {
    this.stateNow = { context: options.context, state: 'disconnected' };
    this.informers = new InformerRegistry(
      (kind) => new Informer(this.client, kind, { log: options.log }),
      () => options.lingerMs(),
    );
  }

  get state(): KubeConnection {
    return this.stateNow;
  }

  get client(): KubeClient {
    if (!this.clientNow) throw new Error(`not connected to ${this.options.context}`);
    return this.clientNow;
  }

  kinds(): readonly KubeKind[] {
    return this.kindsNow;
  }

  private set(state: KubeConnection): void {
    this.stateNow = state;
    this.options.changed(state);
  }

  /** Connect (or return the connection under way, or the one made). A failed one is tried again. */
  connect(): Promise<KubeConnection> {
    if (this.stateNow.state === 'connected') return Promise.resolve(this.stateNow);
    this.connecting ??= this.doConnect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async doConnect(): Promise<KubeConnection> {
    const context = this.options.context;
    this.set({ context, state: 'connecting' });
    try {
      this.clientNow?.dispose();
      this.clientNow = new KubeClient({
        kubeconfig: this.options.kubeconfigs().configFor(context),
        timeoutMs: () => this.options.timeoutMs(),
        pluginEnvironment: () => this.options.pluginEnvironment(),
      });
    } catch (error) {
      this.set({ context, state: 'failed', failure: 'config', error: (error as Error).message });
      return this.stateNow;
    }
    try {
      const [version, discovery] = await Promise.all([this.client.json<{ gitVersion?: string }>({ path: '/version' }), discoverKinds(this.client)]);
      this.kindsNow = discovery.kinds;
      if (discovery.problems.length) this.options.log.warn('discovery problems', { context, problems: discovery.problems });
      this.set({ context, state: 'connected', version: version.gitVersion ?? 'unknown', kinds: discovery.kinds });
      this.watchCrds();
    } catch (error) {
      this.options.log.warn('connect failed', { context, error: (error as Error).message });
      this.set({ context, state: 'failed', failure: failureOf(error), error: (error as Error).message });
    }
    return this.stateNow;
  }

  /** A CRD created or removed changes what the cluster serves: discovery runs again (once for a burst). */
  private watchCrds(): void {
    if (this.crdWatch) return;
    const crds = this.kindsNow.find((k) => k.group === 'apiextensions.k8s.io' && k.resource === 'customresourcedefinitions');
    if (!crds) return;
    const held = this.informers.acquire(crds);
    const soon = () => {
      if (!held.informer.synced) return;
      if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
      this.rediscoverTimer = setTimeout(() => void this.rediscover(), 300);
    };
    const subscription = held.informer.subscribe({ upsert: soon, remove: soon, status: () => {} });
    this.crdWatch = { release: () => held.release(), unsubscribe: () => subscription.dispose() };
  }

  private async rediscover(): Promise<void> {
    if (this.stateNow.state !== 'connected') return;
    try {
      const { kinds } = await discoverKinds(this.client);
      const before = JSON.stringify(this.kindsNow.map((k) => `${k.group}/${k.resource}`));
      this.kindsNow = kinds;
      if (JSON.stringify(kinds.map((k) => `${k.group}/${k.resource}`)) !== before) this.set({ ...this.stateNow, kinds });
    } catch (error) {
      this.options.log.warn('rediscovery failed', { context: this.options.context, error: (error as Error).message });
    }
  }

  disconnect(): void {
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.crdWatch?.unsubscribe();
    this.crdWatch?.release();
    this.crdWatch = undefined;
    this.informers.dispose();
    this.clientNow?.dispose();
    this.clientNow = undefined;
    this.kindsNow = [];
    this.set({ context: this.options.context, state: 'disconnected' });
  }
}
