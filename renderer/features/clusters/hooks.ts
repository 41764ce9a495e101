// React's side of the live tables: hold a view while a component shows it,
// re-render when its rows change (at most once a frame, or four times a
// second for a large table), and a clock for the AGE column.
import { useEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import type { KubeResource, KubeRow } from '../../../shared/contract/kube';
import type { RowStore } from './model/row-store';
import { liveViews, type LiveView } from './views';

type Handle = ReturnType<typeof liveViews.acquire>;

export interface HeldView {
  /** The view for the parameters asked for. */
  view: LiveView | undefined;
  /** What to draw: the view, or while it loads, the one it replaces (same kind, other namespaces or selector). */
  shown: LiveView | undefined;
}

/**
 * Hold the live view for (context, kind, namespaces, selector) while mounted.
 * When only the namespaces or the selector change, the previous view stays
 * drawn (filtered here) until the new one has rows, so the table never blanks.
 */
export function useLiveView(context: string | undefined, resource: KubeResource | undefined, namespaces: readonly string[], labelSelector: string): HeldView {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const current = useRef<Handle | undefined>(undefined);
  const previous = useRef<Handle | undefined>(undefined);
  const group = resource?.group;
  const version = resource?.version;
  const plural = resource?.resource;
  const namespaceList = [...namespaces].sort().join(',');

  useEffect(() => {
    if (!context || plural === undefined || group === undefined || version === undefined) {
      current.current?.release();
      current.current = undefined;
      rerender();
      return;
    }
    const handle = liveViews.acquire({ context, resource: { group, version, resource: plural }, namespaces: namespaceList ? namespaceList.split(',') : [], labelSelector });
    const before = current.current;
    const sameTable = before && before.view.params.context === context && before.view.params.resource.group === group && before.view.params.resource.resource === plural;
    if (before && sameTable && !handle.view.store.loaded && before.view.store.loaded) {
      previous.current?.release();
      previous.current = before;
    } else {
      before?.release();
      previous.current?.release();
      previous.current = undefined;
    }
    current.current = handle;
    rerender();
    const settle = () => {
      if (!handle.view.store.loaded || !previous.current) return;
      previous.current.release();
      previous.current = undefined;
      rerender();
    };
    settle();
    return handle.view.store.subscribe(settle);
  }, [context, group, version, plural, namespaceList, labelSelector]);

  useEffect(
    () => () => {
      current.current?.release();
      previous.current?.release();
      current.current = undefined;
      previous.current = undefined;
    },
    [],
  );

  const view = current.current?.view;
  return { view, shown: previous.current?.view ?? view };
}

/** Hold a view that nothing draws (the namespaces of a context, for the namespace picker). */
export function useBackgroundView(context: string | undefined, resource: KubeResource, enabled: boolean): LiveView | undefined {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const handle = useRef<Handle | undefined>(undefined);
  const { group, version, resource: plural } = resource;
  useEffect(() => {
    if (!context || !enabled) return;
    const held = liveViews.acquire({ context, resource: { group, version, resource: plural }, namespaces: [], labelSelector: '' });
    handle.current = held;
    rerender();
    return () => {
      held.release();
      if (handle.current === held) handle.current = undefined;
    };
  }, [context, group, version, plural, enabled]);
  return handle.current?.view;
}

const noStore = { subscribe: () => () => {}, version: 0 };

/** Re-render when the store's rows, order, filter or status change. */
export function useStoreVersion(store: RowStore | undefined): number {
  const target = store ?? noStore;
  return useSyncExternalStore(
    (listener) => target.subscribe(listener),
    () => target.version,
  );
}

/** The store's current row for "namespace/name"; re-renders only when that row changes. */
export function useRow(store: RowStore | undefined, key: string): KubeRow | undefined {
  const target = store ?? noStore;
  return useSyncExternalStore(
    (listener) => target.subscribe(listener),
    () => store?.rowByKey(key),
  );
}

/** Why the store's stream failed, if it did; re-renders only when that changes. */
export function useStoreError(store: RowStore | undefined): string | undefined {
  const target = store ?? noStore;
  return useSyncExternalStore(
    (listener) => target.subscribe(listener),
    () => store?.error,
  );
}

// One clock for every AGE cell: a tick every couple of seconds while anything shows an age.
let now = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (!clockTimer) {
    now = Date.now();
    clockTimer = setInterval(() => {
      now = Date.now();
      for (const l of clockListeners) l();
    }, 2000);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** The time, moving every two seconds. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, () => now);
}

/** Re-render every second while `active` (countdowns). */
export function useEverySecond(active: boolean): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(rerender, 1000);
    return () => clearInterval(timer);
  }, [active]);
}
