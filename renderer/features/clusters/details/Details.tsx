// The details drawer: one object's YAML (editable, applied with the
// resourceVersion it was read at), its events, what it is related to, and
// the actions its kind offers.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent } from 'react';
import { parse } from 'yaml';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { KubeKind, KubeObjectYaml, KubeRow } from '../../../../shared/contract/kube';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { workloadTargetId } from '../../deploy';
import { selectorFromMatchLabels } from '../../logs/model/sources';
import { ClusterIcon } from '../ClusterIcons';
import { useRow } from '../hooks';
import { kindTitle, resourceKey } from '../model/kinds';
import type { RowStore } from '../model/row-store';
import { toObjectRef } from '../store/action';
import type { DetailsTab, KubeObjectRef } from '../store/initialState';
import { ACTION_LABELS, actionsFor, type ActionId } from './actions';
import { EventsTab } from './EventsTab';
import { RelatedTab } from './RelatedTab';
import { YamlTab } from './YamlTab';

export interface LoadedObject {
  ref: KubeObjectRef;
  yaml: KubeObjectYaml;
  /** The parsed object, for the few fields actions need (replicas, unschedulable). */
  spec: { replicas?: number; unschedulable?: boolean; selector?: string };
}

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());
/** Kinds whose pods the Logs view can follow by their selector. */
const WORKLOADS = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'apps/daemonsets']);
const refKey = (ref: KubeObjectRef) => `${ref.context}\n${resourceKey(ref.resource)}\n${ref.namespace}\n${ref.name}`;

function specOf(yaml: string): LoadedObject['spec'] {
  try {
    const obj = parse(yaml) as { spec?: { replicas?: unknown; unschedulable?: unknown; selector?: { matchLabels?: unknown } } } | null;
    const spec = obj?.spec;
    const selector = selectorFromMatchLabels(spec?.selector?.matchLabels);
    return {
      ...(typeof spec?.replicas === 'number' ? { replicas: spec.replicas } : {}),
      ...(spec?.unschedulable === true ? { unschedulable: true } : {}),
      ...(selector ? { selector } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * `rows` is the table's live store when it shows this object's kind: a change
 * to the object's row reloads the YAML (at most once a second), unless the
 * user is editing it, who is told instead.
 */
export function Details({ target, tab, kinds, width, rows }: { target: KubeObjectRef; tab: DetailsTab; kinds: readonly KubeKind[]; width: number; rows: RowStore | undefined }) {
  const { setKubeDetailsTab, closeKubeDetails, setClusterDialog, execIntoPod, podLogs, pushToast, setDetailsWidth, openLogView, deployTo } = useAppStore.getState();
  const key = refKey(target);
  const [loaded, setLoaded] = useState<LoadedObject>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    // Arrow keys move the selection and the drawer follows: wait for the keys to rest.
    const ref = target;
    const timer = setTimeout(() => {
      api()
        .kube.get(toObjectRef(ref))
        .then((yaml) => {
          if (cancelled) return;
          setLoaded({ ref, yaml, spec: specOf(yaml.yaml) });
          setError(undefined);
        })
        .catch((e: unknown) => {
          if (cancelled) return;
          setLoaded(undefined);
          setError(message(e));
        })
        .finally(() => {
          if (!cancelled) setLoading(false);
        });
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [target, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  // Follow the object on the cluster through its table row.
  const [editing, setEditing] = useState(false);
  const liveRow = useRow(rows, `${target.namespace}/${target.name}`);
  const rowsLoaded = useSyncExternalStore(
    (listener) => rows?.subscribe(listener) ?? (() => {}),
    () => rows?.loaded ?? false,
  );
  const loadedRow = useRef<KubeRow | undefined>(undefined);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  useEffect(() => {
    if (!loaded) return;
    loadedRow.current = rowsRef.current?.rowByKey(`${loaded.ref.namespace}/${loaded.ref.name}`);
  }, [loaded]);
  const changed = !!loadedRow.current && !!liveRow && liveRow !== loadedRow.current;
  const deleted = !!loadedRow.current && !liveRow && rowsLoaded;
  useEffect(() => {
    if (!changed || editing || refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      reload();
    }, 1000);
  }, [changed, editing, reload]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  const current = loaded && refKey(loaded.ref) === key ? loaded : undefined;
  const kind = kinds.find((k) => k.group === target.resource.group && k.resource === target.resource.resource);
  const actions = useMemo(() => actionsFor(target.resource, kind, current?.spec ?? {}), [target.resource, kind, current?.spec]);
  const resourceId = resourceKey(target.resource);
  const isPod = resourceId === '/pods';
  const isWorkload = WORKLOADS.has(resourceId);
  /** Deployments, stateful and daemon sets are what recipes target; undefined for other kinds. */
  const deployTarget = workloadTargetId(target.context, target.namespace, resourceId, target.name);
  const kindName = current?.yaml.kind || target.kind || kind?.kind || kindTitle({ ...target.resource, kind: target.resource.resource });

  const run = async (action: ActionId) => {
    const ref = target;
    switch (action) {
      case 'exec':
        return execIntoPod(ref);
      case 'logs':
        return podLogs(ref);
      case 'port-forward':
        return setClusterDialog({ type: 'port-forward', target: ref });
      case 'scale':
        return setClusterDialog({ type: 'scale', target: ref, replicas: current?.spec.replicas });
      case 'restart':
        return setClusterDialog({ type: 'restart', target: ref });
      case 'delete':
        return setClusterDialog({ type: 'delete', target: { ...ref, kind: kindName } });
      case 'drain':
        return setClusterDialog({ type: 'drain', context: ref.context, node: ref.name });
      case 'cordon':
      case 'uncordon':
        try {
          await api().kube.cordon({ context: ref.context, node: ref.name, unschedulable: action === 'cordon' });
          pushToast(`${ref.name} ${action === 'cordon' ? 'cordoned: no new pods will be scheduled on it' : 'uncordoned: pods may be scheduled on it again'}.`);
          reload();
        } catch (e) {
          pushToast(`${ACTION_LABELS[action]} ${ref.name}: ${message(e)}`);
        }
        return;
    }
  };

  const startResize = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = width;
    const move = (e: PointerEvent) => setDetailsWidth(startWidth + (startX - e.clientX));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <aside className="kube-details" data-testid="kube-details" aria-label={`${kindName} ${target.name}`} style={{ width }}>
      <div className="kube-details-resize" data-testid="kube-details-resize" onPointerDown={startResize} title="Drag to resize" />
      <header className="kube-details-header">
        <div className="kube-details-title" data-testid="kube-details-title">
          <span className="kube-details-kind">{kindName}</span>
          <strong>{target.name}</strong>
          {target.namespace ? <span className="hint">in {target.namespace}</span> : null}
        </div>
        {deleted ? (
          <span className="chip kube-gone" data-testid="kube-details-deleted">deleted</span>
        ) : changed && editing ? (
          <span className="chip kube-stale" data-testid="kube-details-stale" title="Applying your edit will report a conflict">
            changed on the cluster
          </span>
        ) : null}
        <button type="button" className="icon-button" data-testid="kube-details-close" title="Close (Escape)" aria-label="Close details" onClick={closeKubeDetails}>
          <ClusterIcon name="close" />
        </button>
      </header>
      <div className="kube-actions" role="toolbar" aria-label="Actions">
        {actions.map((action) => (
          <button key={action} type="button" className={action === 'delete' ? 'kube-action-danger' : undefined} data-testid={`kube-${action}`} disabled={!current && action !== 'delete'} onClick={() => void run(action)}>
            {ACTION_LABELS[action]}
          </button>
        ))}
        {isPod ? (
          <button type="button" data-testid="kube-logs-view" title="Every container of this pod in the Logs view: merged, searchable, followed" onClick={() => void openLogView([{ kind: 'pod', context: target.context, namespace: target.namespace, pod: target.name, container: '*', previous: false }], target.name)}>
            Logs view
          </button>
        ) : isWorkload ? (
          <button
            type="button"
            data-testid="kube-logs-all"
            disabled={!current?.spec.selector}
            title={current?.spec.selector ? `Pods matching ${current.spec.selector}, merged in the Logs view` : 'No spec.selector.matchLabels to find its pods by'}
            onClick={() => current?.spec.selector && void openLogView([{ kind: 'pods', context: target.context, namespace: target.namespace, labelSelector: current.spec.selector, container: '*' }], `${target.name} (all pods)`)}
          >
            Logs of all pods
          </button>
        ) : null}
        {deployTarget ? (
          <button type="button" data-testid="kube-deploy" title="Run a deployment recipe on this workload only" onClick={() => deployTo(deployTarget)}>
            Deploy…
          </button>
        ) : null}
      </div>
      <nav className="kube-details-tabs" role="tablist">
        {(['yaml', 'events', 'related'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`kube-details-tab-${t}`} onClick={() => setKubeDetailsTab(t)}>
            {t === 'yaml' ? 'YAML' : t === 'events' ? 'Events' : 'Related'}
          </button>
        ))}
      </nav>
      <div className="kube-details-body">
        {tab === 'yaml' ? (
          <YamlTab target={target} loaded={current} loading={loading} error={error} onReload={reload} onEditing={setEditing} />
        ) : tab === 'events' ? (
          <EventsTab key={key} target={target} />
        ) : (
          <RelatedTab key={key} target={target} />
        )}
      </div>
    </aside>
  );
}
