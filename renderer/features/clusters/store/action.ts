import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { KubeForward, KubeResource, ObjectRef } from '../../../../shared/contract/kube';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { resourceKey, sameResource } from '../model/kinds';
import type { SortSpec } from '../model/sort';
import { liveViews } from '../views';
import { clustersInitialState, defaultUi, type ClusterDialog, type ClusterUi, type ClustersState, type DetailsTab, type KindStatus, type KubeObjectRef } from './initialState';

export interface ClustersActions {
  loadKubeContexts(): Promise<void>;
  /** Follow kubeconfig changes, connection states and pod port-forwards (once per session). */
  followKube(): void;
  /** Show a context; connect to it if it is not connected. */
  selectContext(name: string): void;
  connectContext(name: string): Promise<void>;
  disconnectContext(name: string): Promise<void>;
  updateClusterUi(context: string, patch: Partial<ClusterUi>): void;
  selectKind(resource: KubeResource): void;
  setKubeNamespaces(namespaces: string[]): void;
  setKubeSearch(search: string): void;
  setKubeLabelSelector(selector: string): void;
  /** Sort the current kind by a column; again on the same column reverses it. */
  sortKube(column: string): void;
  selectKubeRow(key: string | undefined): void;
  openKubeDetails(ref: KubeObjectRef, tab?: DetailsTab): void;
  closeKubeDetails(): void;
  setKubeDetailsTab(tab: DetailsTab): void;
  /** Follow a link: show the object's kind, select the object and open it. */
  goToObject(ref: KubeObjectRef): void;
  /** A view's status, for the sidebar's counts and locks (written to the store at most twice a second). */
  noteKindStatus(context: string, resource: KubeResource, status: KindStatus): void;
  /** A shell in a pod's container, in a terminal tab (asks which container when there are several). */
  execIntoPod(ref: KubeObjectRef, container?: string): Promise<void>;
  /** A pod's logs, followed, in a read-only terminal tab. */
  podLogs(ref: KubeObjectRef, container?: string): Promise<void>;
  startKubeForward(spec: { context: string; namespace: string; pod: string; podPort: number; localPort: number }): Promise<KubeForward>;
  stopKubeForward(id: string): Promise<void>;
  setClusterDialog(dialog: ClusterDialog | undefined): void;
  setClusterQuickPick(pick: ClustersState['clusterQuickPick']): void;
  setKubeForwardsOpen(open: boolean): void;
  setDetailsWidth(width: number): void;
}

export type ClustersSlice = ClustersState & ClustersActions;

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

export const toObjectRef = (ref: KubeObjectRef): ObjectRef => ({
  context: ref.context,
  resource: { group: ref.resource.group, version: ref.resource.version, resource: ref.resource.resource },
  namespace: ref.namespace,
  name: ref.name,
});

export const kindStatusKey = (context: string, resource: Pick<KubeResource, 'group' | 'resource'>) => `${context}\n${resourceKey(resource)}`;

let following = false;
/** Statuses waiting to be written to the store (counts change with every diff under churn). */
const pendingStatus = new Map<string, KindStatus>();
let statusTimer: ReturnType<typeof setTimeout> | undefined;

export const createClustersSlice: StateCreator<AppState, [], [], ClustersSlice> = (set, get) => {
  const ui = (context: string): ClusterUi => get().clusterUi[context] ?? defaultUi();
  const updateActive = (patch: Partial<ClusterUi> | ((ui: ClusterUi) => Partial<ClusterUi>)) => {
    const context = get().activeContext;
    if (!context) return;
    get().updateClusterUi(context, typeof patch === 'function' ? patch(ui(context)) : patch);
  };
  const commitStatus = () => {
    statusTimer = undefined;
    if (pendingStatus.size === 0) return;
    const batch = Object.fromEntries(pendingStatus);
    pendingStatus.clear();
    set((s) => ({ kindStatus: { ...s.kindStatus, ...batch } }));
  };

  return {
    ...clustersInitialState,

    async loadKubeContexts() {
      set({ kubeContextsLoading: true });
      try {
        const list = await api().kube.contexts({});
        set({ kubeContextList: list, kubeContextsError: undefined });
      } catch (error) {
        set({ kubeContextsError: message(error) });
      } finally {
        set({ kubeContextsLoading: false });
      }
    },

    followKube() {
      if (following) return;
      following = true;
      liveViews.setStatusListener((context, resource, status) => get().noteKindStatus(context, resource, status));
      void get().loadKubeContexts();
      // Each of these streams is acknowledged event by event: they are small and rare, but long-lived.
      const contextsSub = api().kube.contextsChanged(
        {},
        {
          onEvent: () => {
            contextsSub.ack(1);
            void get().loadKubeContexts();
          },
        },
      );
      const connectionsSub = api().kube.connections(
        {},
        {
          onEvent: (event) => {
            connectionsSub.ack(1);
            const before = get().kubeConnections[event.context];
            // Kinds come with the first "connected"; a later update without them keeps them.
            const connection = event.state === 'connected' && !event.kinds && before?.kinds ? { ...event, kinds: before.kinds } : event;
            set((s) => ({ kubeConnections: { ...s.kubeConnections, [connection.context]: connection } }));
            if (connection.state === 'connected' && before && before.state !== 'connected' && before.state !== 'connecting') liveViews.restartContext(connection.context);
            if (connection.state === 'disconnected') liveViews.closeContext(connection.context);
          },
        },
      );
      void api()
        .kube.forwards({})
        .then(({ forwards }) => set((s) => ({ kubeForwards: { ...Object.fromEntries(forwards.map((f) => [f.id, f])), ...s.kubeForwards } })))
        .catch(() => {});
      const forwardsSub = api().kube.forwardChanges(
        {},
        {
          onEvent: (forward) => {
            forwardsSub.ack(1);
            set((s) => {
              const kubeForwards = { ...s.kubeForwards };
              if (forward.state === 'stopped') delete kubeForwards[forward.id];
              else kubeForwards[forward.id] = forward;
              return { kubeForwards };
            });
          },
        },
      );
    },

    selectContext(name) {
      set((s) => ({ activeContext: name, clusterUi: s.clusterUi[name] ? s.clusterUi : { ...s.clusterUi, [name]: defaultUi() }, activeView: 'clusters', clusterQuickPick: undefined }));
      const state = get().kubeConnections[name]?.state;
      if (state !== 'connected' && state !== 'connecting') void get().connectContext(name);
    },

    async connectContext(name) {
      set((s) => ({ kubeConnections: { ...s.kubeConnections, [name]: { context: name, state: 'connecting' } } }));
      try {
        const connection = await api().kube.connect({ context: name });
        set((s) => ({ kubeConnections: { ...s.kubeConnections, [name]: connection } }));
      } catch (error) {
        const data = WorkbenchError.from(error).toData();
        set((s) => ({ kubeConnections: { ...s.kubeConnections, [name]: { context: name, state: 'failed', error: data.message } } }));
      }
    },

    async disconnectContext(name) {
      try {
        await api().kube.disconnect({ context: name });
        set((s) => ({ kubeConnections: { ...s.kubeConnections, [name]: { context: name, state: 'disconnected' } } }));
        liveViews.closeContext(name);
      } catch (error) {
        get().pushToast(`Could not close ${name}: ${message(error)}`);
      }
    },

    updateClusterUi(context, patch) {
      set((s) => ({ clusterUi: { ...s.clusterUi, [context]: { ...(s.clusterUi[context] ?? defaultUi()), ...patch } } }));
    },

    selectKind(resource) {
      // Another kind starts unsearched (as in k9s and Lens); namespaces and the label selector stay.
      updateActive((u) => (sameResource(u.resource, resource) ? { resource } : { resource, selected: undefined, details: undefined, search: '' }));
      set({ clusterQuickPick: undefined, activeView: 'clusters' });
    },

    setKubeNamespaces: (namespaces) => updateActive({ namespaces }),
    setKubeSearch: (search) => updateActive({ search }),
    setKubeLabelSelector: (labelSelector) => updateActive({ labelSelector }),

    sortKube(column) {
      updateActive((u) => {
        const key = resourceKey(u.resource);
        const current = u.sorts[key];
        const next: SortSpec = current?.column === column ? { column, dir: current.dir === 1 ? -1 : 1 } : { column, dir: 1 };
        return { sorts: { ...u.sorts, [key]: next } };
      });
    },

    selectKubeRow: (selected) => updateActive({ selected }),

    openKubeDetails(ref, tab) {
      get().updateClusterUi(ref.context, { details: ref, selected: `${ref.namespace}/${ref.name}`, ...(tab ? { detailsTab: tab } : {}) });
    },

    closeKubeDetails: () => updateActive({ details: undefined }),
    setKubeDetailsTab: (detailsTab) => updateActive({ detailsTab }),

    goToObject(ref) {
      const current = ui(ref.context);
      const namespaces = current.namespaces.length > 0 && ref.namespace && !current.namespaces.includes(ref.namespace) ? [...current.namespaces, ref.namespace] : current.namespaces;
      get().updateClusterUi(ref.context, { resource: ref.resource, namespaces, search: '', selected: `${ref.namespace}/${ref.name}`, details: ref, detailsTab: 'yaml' });
      if (get().activeContext !== ref.context) get().selectContext(ref.context);
    },

    noteKindStatus(context, resource, status) {
      const key = kindStatusKey(context, resource);
      const before = pendingStatus.get(key) ?? get().kindStatus[key];
      pendingStatus.set(key, status);
      // A new phase (forbidden, an error) shows at once; a new count can wait.
      if (!before || before.phase !== status.phase) {
        if (statusTimer) clearTimeout(statusTimer);
        commitStatus();
      } else statusTimer ??= setTimeout(commitStatus, 500);
    },

    async execIntoPod(ref, container) {
      let chosen = container;
      if (chosen === undefined) {
        try {
          const obj = await api().kube.get(toObjectRef(ref));
          const containers = (obj.containers ?? []).filter((c) => !c.init);
          if (containers.length > 1) {
            set({ clusterDialog: { type: 'container', purpose: 'exec', target: ref, containers } });
            return;
          }
          chosen = containers[0]?.name;
        } catch (error) {
          get().pushToast(`Exec into ${ref.name}: ${message(error)}`);
          return;
        }
      }
      set({ clusterDialog: undefined });
      get().newTab({ kind: 'kube-exec', context: ref.context, namespace: ref.namespace, pod: ref.name, ...(chosen ? { container: chosen } : {}) });
    },

    async podLogs(ref, container) {
      let chosen = container;
      if (chosen === undefined) {
        try {
          const obj = await api().kube.get(toObjectRef(ref));
          const all = obj.containers ?? [];
          // Running containers first; an init container's logs are there to be read too.
          const containers = [...all.filter((c) => !c.init), ...all.filter((c) => c.init)];
          if (containers.length > 1) {
            set({ clusterDialog: { type: 'container', purpose: 'logs', target: ref, containers } });
            return;
          }
          chosen = containers[0]?.name;
        } catch (error) {
          get().pushToast(`Logs of ${ref.name}: ${message(error)}`);
          return;
        }
      }
      set({ clusterDialog: undefined });
      get().newTab({ kind: 'kube-logs', context: ref.context, namespace: ref.namespace, pod: ref.name, ...(chosen ? { container: chosen } : {}) });
    },

    async startKubeForward(spec) {
      const forward = await api().kube.forward(spec);
      set((s) => ({ kubeForwards: { ...s.kubeForwards, [forward.id]: forward } }));
      return forward;
    },

    async stopKubeForward(id) {
      try {
        await api().kube.stopForward({ id });
        set((s) => {
          const kubeForwards = { ...s.kubeForwards };
          delete kubeForwards[id];
          return { kubeForwards };
        });
      } catch (error) {
        get().pushToast(`Could not stop the port-forward: ${message(error)}`);
      }
    },

    setClusterDialog: (clusterDialog) => set({ clusterDialog }),
    setClusterQuickPick: (clusterQuickPick) => set({ clusterQuickPick }),
    setKubeForwardsOpen: (kubeForwardsOpen) => set({ kubeForwardsOpen }),
    setDetailsWidth: (detailsWidth) => set({ detailsWidth: Math.round(Math.min(Math.max(detailsWidth, 360), 1400)) }),
  };
};
