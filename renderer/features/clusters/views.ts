// Live tables by (context, kind, namespaces, label selector): each one a
// `kube.view` stream feeding a RowStore. A table left behind keeps streaming
// for a while (a few of them, least recently used dropped first), so going
// back to a kind or switching to another context shows its rows at once.
import { describeError } from '../../../shared/contract/errors';
import type { KubeResource, ViewParams, ViewPhase } from '../../../shared/contract/kube';
import type { Subscription } from '../../../shared/rpc/api';
import { api } from '../../transport/current';
import { resourceKey } from './model/kinds';
import { RowStore } from './model/row-store';

export interface LiveViewParams {
  context: string;
  resource: KubeResource;
  namespaces: readonly string[];
  labelSelector: string;
}

/** What a view tells the sidebar: where its informer stands and how many rows match. */
export type KindStatusListener = (context: string, resource: KubeResource, status: { phase: ViewPhase; count: number; message?: string }) => void;

/** Views nobody shows that keep streaming, so going back is instant... */
const IDLE_LIMIT = 3;
/** ...for a while: after this long unseen, one is closed (main's informer lingers on its own). */
const IDLE_MS = 120_000;

export function viewKey(p: LiveViewParams): string {
  return [p.context, resourceKey(p.resource), [...p.namespaces].sort().join(','), p.labelSelector.trim()].join('\n');
}

export class LiveView {
  readonly store: RowStore;
  users = 0;
  lastUsed = 0;
  /** The request field main blamed when the stream failed (`labelSelector`). */
  errorField: string | undefined;
  private subscription: Subscription | undefined;
  private closed = false;

  constructor(
    readonly key: string,
    readonly params: LiveViewParams,
    private readonly onStatus: KindStatusListener,
  ) {
    this.store = new RowStore({ onConsumed: (units) => this.subscription?.ack(units) });
    this.open();
  }

  /** Subscribe again (after an error, or to re-list on request). */
  restart(): void {
    this.subscription?.close();
    this.subscription = undefined;
    this.open();
  }

  get ended(): boolean {
    return this.subscription === undefined;
  }

  close(): void {
    this.closed = true;
    this.subscription?.close();
    this.subscription = undefined;
    this.store.dispose();
  }

  private open(): void {
    if (this.closed) return;
    this.errorField = undefined;
    this.store.fail(undefined);
    const params: ViewParams = {
      context: this.params.context,
      resource: this.params.resource,
      namespaces: [...this.params.namespaces],
      labelSelector: this.params.labelSelector.trim(),
    };
    const subscription = api().kube.view(params, {
      onEvent: (event) => {
        this.store.push(event, event.type === 'rows' ? event.upserts.length + event.deletes.length : 1);
        if (event.type === 'status') this.onStatus(this.params.context, this.params.resource, { phase: event.phase, count: event.count, ...(event.message ? { message: event.message } : {}) });
      },
      onEnd: (error) => {
        if (this.subscription === subscription) this.subscription = undefined;
        if (this.closed) return;
        if (error) {
          this.errorField = error.field;
          this.store.fail(error.message || describeError(error));
          this.onStatus(this.params.context, this.params.resource, { phase: 'error', count: this.store.total, message: error.message });
        } else {
          this.store.fail('The view ended: the cluster was closed.');
        }
      },
    });
    this.subscription = subscription;
  }
}

class ViewCache {
  private readonly views = new Map<string, LiveView>();
  private onStatus: KindStatusListener = () => {};

  setStatusListener(listener: KindStatusListener): void {
    this.onStatus = listener;
  }

  /** A view for a table that shows now; call the returned function when it no longer does. */
  acquire(params: LiveViewParams): { view: LiveView; release(): void } {
    const key = viewKey(params);
    let view = this.views.get(key);
    if (!view) {
      view = new LiveView(key, params, (...args) => this.onStatus(...args));
      this.views.set(key, view);
    } else if (view.ended && view.store.error) {
      // It failed while nobody looked: try again now that someone does.
      view.restart();
    }
    view.users++;
    view.lastUsed = Date.now();
    const held = view;
    let released = false;
    return {
      view: held,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        held.lastUsed = Date.now();
        this.trim();
      },
    };
  }

  get(params: LiveViewParams): LiveView | undefined {
    return this.views.get(viewKey(params));
  }

  /** A cluster closed: its views end. */
  closeContext(context: string): void {
    for (const [key, view] of this.views) {
      if (view.params.context !== context || view.users > 0) continue;
      view.close();
      this.views.delete(key);
    }
  }

  /** Start every view of a context again (after it reconnected). */
  restartContext(context: string): void {
    for (const view of this.views.values()) if (view.params.context === context) view.restart();
  }

  private sweeper: ReturnType<typeof setInterval> | undefined;

  private trim(): void {
    const now = Date.now();
    const idle = [...this.views.values()].filter((v) => v.users === 0).sort((a, b) => a.lastUsed - b.lastUsed);
    while (idle.length > IDLE_LIMIT || (idle.length > 0 && now - idle[0]!.lastUsed > IDLE_MS)) {
      const view = idle.shift()!;
      view.close();
      this.views.delete(view.key);
    }
    if (idle.length > 0 && !this.sweeper) {
      this.sweeper = setInterval(() => this.trim(), IDLE_MS / 4);
    } else if (idle.length === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

export const liveViews = new ViewCache();
