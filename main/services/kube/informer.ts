// A shared informer: one per cluster and kind, whatever number of views use
// it. It lists in pages of 500 (asking for the next page before projecting
// the current one), then watches from the list's resourceVersion with
// bookmarks; a 410 Gone relists and reports only what changed, so no object is
// lost or flickers; other errors back off from 1 s to 30 s with jitter.
// Objects are kept as projected rows indexed by uid and namespace.
import type { KubeKind, ViewPhase } from '../../../shared/contract/kube';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';
import type { Logger } from '../log';
import type { KubeClient } from './client';
import { cellsFor, epochOf, projectionFor, type Cell, type Projection } from './columns';
import { KubeApiError } from './errors';

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

/** What an informer keeps of an object: enough for the table, selectors and relations. */
export interface InformerRow {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly created: number;
  readonly rv: string;
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly owners: readonly OwnerRef[] | undefined;
  /** Pods: where they run. */
  readonly nodeName: string | undefined;
  readonly cells: readonly Cell[];
}

export interface InformerListener {
  upsert(row: InformerRow): void;
  remove(row: InformerRow): void;
  status(phase: ViewPhase, message?: string, retryInMs?: number): void;
}

export interface InformerOptions {
  pageSize?: number;
  log: Logger;
  /** A watch's server-side timeout is picked between these (seconds), like client-go, so watches don't all end at once. */
  watchSeconds?: [number, number];
  /** Backoff bounds, ms. */
  backoff?: { initialMs: number; maxMs: number };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes objects are open JSON

class Expired extends Error {}

export function resourcePath(kind: Pick<KubeKind, 'group' | 'version' | 'resource'>, namespace?: string, name?: string): string {
  const base = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${kind.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export class Informer {
  readonly rows = new Map<string, InformerRow>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly listeners = new Set<InformerListener>();
  private readonly projection: Projection;
  private abort = new AbortController();
  private running = false;
  private lastRv = '';
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private phaseNow: { phase: ViewPhase; message?: string; retryAt?: number } = { phase: 'listing' };
  /** Resolves once the first full list is in. */
  private syncedNow = false;
  private readonly syncWaiters: Array<() => void> = [];

  constructor(
    private readonly client: KubeClient,
    readonly kind: KubeKind,
    private readonly options: InformerOptions,
  ) {
    this.projection = projectionFor(kind);
  }

  get phase(): { phase: ViewPhase; message?: string; retryInMs?: number } {
    const { phase, message, retryAt } = this.phaseNow;
    return { phase, ...(message ? { message } : {}), ...(retryAt ? { retryInMs: Math.max(0, retryAt - Date.now()) } : {}) };
  }

  get synced(): boolean {
    return this.syncedNow;
  }

  /** Resolves when the first list has completed (or right away if it has). */
  whenSynced(): Promise<void> {
    return this.syncedNow ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  namespaceUids(namespace: string): ReadonlySet<string> | undefined {
    return this.byNamespace.get(namespace);
  }

  subscribe(listener: InformerListener): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    void this.run();
  }

  stop(): void {
    this.running = false;
    this.abort.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setPhase(phase: ViewPhase, message?: string, retryInMs?: number): void {
    this.phaseNow = { phase, ...(message ? { message } : {}), ...(retryInMs !== undefined ? { retryAt: Date.now() + retryInMs } : {}) };
    for (const listener of this.listeners) listener.status(phase, message, retryInMs);
  }

  private async run(): Promise<void> {
    let needList = true;
    while (this.running) {
      try {
        if (needList) {
          await this.list(this.syncedNow);
          needList = false;
        }
        this.setPhase('watching');
        await this.watch();
        // The server ended the watch (its timeout): watch again from where it stopped.
        this.attempt = 0;
      } catch (error) {
        if (!this.running) return;
        if (error instanceof Expired || (error instanceof KubeApiError && error.status === 410)) {
          this.options.log.info('watch expired, relisting', { resource: this.kind.resource });
          needList = true;
          continue;
        }
        const forbidden = error instanceof KubeApiError && error.status === 403;
        this.attempt++;
        const base = this.options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
        const delay = forbidden ? base.maxMs : Math.min(base.maxMs, base.initialMs * 2 ** (this.attempt - 1)) * (0.8 + Math.random() * 0.4);
        this.setPhase(forbidden ? 'forbidden' : 'backoff', (error as Error).message, Math.round(delay));
        if (!this.syncedNow) needList = true;
        await new Promise<void>((resolve) => {
          this.retryTimer = setTimeout(resolve, delay);
          this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    }
  }

  /** A paged list. On a relist, only what changed is reported: upserts as pages come, deletes at the end. */
  private async list(relist: boolean): Promise<void> {
    this.setPhase(relist ? 'relisting' : 'listing');
    const seen = relist ? new Set<string>() : undefined;
    const path = resourcePath(this.kind);
    const page = (cont: string | undefined) =>
      this.client.json<Obj>({ path, query: { limit: this.options.pageSize ?? 500, ...(cont ? { continue: cont } : {}) }, signal: this.abort.signal });
    let next: Promise<Obj> | undefined = page(undefined);
    let rv = '';
    while (next) {
      let result: Obj;
      try {
        result = await next;
      } catch (error) {
        // A continue token too old to use: the list starts over (as client-go does).
        if (error instanceof KubeApiError && error.status === 410) {
          next = page(undefined);
          continue;
        }
        throw error;
      }
      const cont: string | undefined = result.metadata?.continue || undefined;
      next = cont ? page(cont) : undefined;
      rv = result.metadata?.resourceVersion ?? rv;
      for (const item of (result.items ?? []) as Obj[]) {
        const row = this.rowOf(item);
        seen?.add(row.uid);
        const old = this.rows.get(row.uid);
        if (old && old.rv === row.rv) continue;
        this.put(row);
      }
    }
    if (seen) {
      for (const row of [...this.rows.values()]) if (!seen.has(row.uid)) this.drop(row);
    }
    this.lastRv = rv;
    if (!this.syncedNow) {
      this.syncedNow = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }

  private async watch(): Promise<void> {
    const [low, high] = this.options.watchSeconds ?? [300, 600];
    const timeoutSeconds = Math.round(low + Math.random() * (high - low));
    await this.client.lines(
      {
        path: resourcePath(this.kind),
        query: { watch: 1, resourceVersion: this.lastRv, allowWatchBookmarks: true, timeoutSeconds },
        signal: this.abort.signal,
        timeoutMs: 60_000,
      },
      (line) => this.onWatchLine(line),
      (timeoutSeconds + 30) * 1000,
    );
  }

  private onWatchLine(line: string): void {
    let event: { type?: string; object?: Obj };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      this.options.log.warn('unparsable watch line', { resource: this.kind.resource, line: line.slice(0, 200) });
      return;
    }
    const obj = event.object ?? {};
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.put(this.rowOf(obj));
        break;
      case 'DELETED': {
        const old = this.rows.get(obj.metadata?.uid);
        if (old) this.drop(old);
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        if (obj.code === 410 || obj.reason === 'Expired' || obj.reason === 'Gone') throw new Expired(obj.message ?? 'resource version expired');
        throw new KubeApiError(Number(obj.code) || 500, obj.reason ?? 'InternalError', obj.message ?? 'the watch reported an error');
      }
      default:
        return;
    }
    // Every event, bookmarks included, moves the resume point forward.
    const rv = obj.metadata?.resourceVersion;
    if (typeof rv === 'string' && rv) this.lastRv = rv;
    this.attempt = 0;
  }

  private rowOf(obj: Obj): InformerRow {
    const meta = obj.metadata ?? {};
    const owners = (meta.ownerReferences as Obj[] | undefined)?.map((o) => ({ kind: String(o.kind), name: String(o.name), uid: String(o.uid), controller: Boolean(o.controller) }));
    return {
      uid: meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`,
      namespace: meta.namespace ?? '',
      name: meta.name ?? '',
      created: epochOf(meta.creationTimestamp) ?? 0,
      rv: meta.resourceVersion ?? '',
      labels: meta.labels && Object.keys(meta.labels).length ? meta.labels : undefined,
      owners: owners?.length ? owners : undefined,
      nodeName: obj.spec?.nodeName,
      cells: cellsFor(this.projection, obj, this.kind.namespaced),
    };
  }

  private put(row: InformerRow): void {
    const old = this.rows.get(row.uid);
    this.rows.set(row.uid, row);
    if (!old || old.namespace !== row.namespace) {
      if (old) this.byNamespace.get(old.namespace)?.delete(row.uid);
      let set = this.byNamespace.get(row.namespace);
      if (!set) this.byNamespace.set(row.namespace, (set = new Set()));
      set.add(row.uid);
    }
    for (const listener of this.listeners) listener.upsert(row);
  }

  private drop(row: InformerRow): void {
    this.rows.delete(row.uid);
    const set = this.byNamespace.get(row.namespace);
    set?.delete(row.uid);
    if (set?.size === 0) this.byNamespace.delete(row.namespace);
    for (const listener of this.listeners) listener.remove(row);
  }
}

/**
 * The informers of one cluster, shared by every view: started when a view
 * needs a kind, stopped `lingerMs` after the last one lets go (coming back to
 * a kind within that time is instant).
 */
export class InformerRegistry {
  private readonly informers = new Map<string, { informer: Informer; refs: number; linger?: NodeJS.Timeout | undefined }>();

  constructor(
    private readonly create: (kind: KubeKind) => Informer,
    private readonly lingerMs: () => number,
  ) {}

  acquire(kind: KubeKind): { informer: Informer; release(): void } {
    const key = `${kind.group}/${kind.version}/${kind.resource}`;
    let slot = this.informers.get(key);
    if (!slot) {
      slot = { informer: this.create(kind), refs: 0 };
      this.informers.set(key, slot);
      slot.informer.start();
    }
    if (slot.linger) clearTimeout(slot.linger);
    slot.linger = undefined;
    slot.refs++;
    const held = slot;
    let released = false;
    return {
      informer: held.informer,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs > 0) return;
        const stop = () => {
          if (held.refs > 0) return;
          held.informer.stop();
          if (this.informers.get(key) === held) this.informers.delete(key);
        };
        const linger = this.lingerMs();
        if (linger <= 0) stop();
        else held.linger = setTimeout(stop, linger);
      },
    };
  }

  /** The running informer of a kind, if a view keeps one. */
  peek(kind: Pick<KubeKind, 'group' | 'resource'>): Informer | undefined {
    for (const { informer } of this.informers.values()) if (informer.kind.group === kind.group && informer.kind.resource === kind.resource) return informer;
    return undefined;
  }

  get size(): number {
    return this.informers.size;
  }

  /** Rows held by every informer. */
  rows(): number {
    let rows = 0;
    for (const { informer } of this.informers.values()) rows += informer.rows.size;
    return rows;
  }

  dispose(): void {
    for (const slot of this.informers.values()) {
      if (slot.linger) clearTimeout(slot.linger);
      slot.informer.stop();
    }
    this.informers.clear();
  }
}
