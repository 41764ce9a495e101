import type { KubeConnection, KubeContext, KubeKind } from '../../../../shared/contract/kube';
import type { AppState } from '../../../app/store';
import { resourceKey } from '../model/kinds';
import { DEFAULT_SORT } from '../model/row-store';
import type { SortSpec } from '../model/sort';
import { defaultUi, type ClusterUi, type KubeObjectRef } from './initialState';

const NO_KINDS: KubeKind[] = [];
const FALLBACK_UI = defaultUi();

export const clustersSelectors = {
  contextList: (s: AppState) => s.kubeContextList,
  activeContext: (s: AppState) => s.activeContext,
  activeContextInfo: (s: AppState): KubeContext | undefined => s.kubeContextList?.contexts.find((c) => c.name === s.activeContext),
  connection: (context: string | undefined) => (s: AppState): KubeConnection | undefined => (context ? s.kubeConnections[context] : undefined),
  activeConnection: (s: AppState): KubeConnection | undefined => (s.activeContext ? s.kubeConnections[s.activeContext] : undefined),
  /** The kinds of the active context's cluster, once connected. */
  activeKinds: (s: AppState): KubeKind[] => (s.activeContext ? s.kubeConnections[s.activeContext]?.kinds : undefined) ?? NO_KINDS,
  activeUi: (s: AppState): ClusterUi => (s.activeContext ? s.clusterUi[s.activeContext] : undefined) ?? FALLBACK_UI,
  sortOf: (ui: ClusterUi): SortSpec => ui.sorts[resourceKey(ui.resource)] ?? DEFAULT_SORT,
  forwardCount: (s: AppState) => Object.keys(s.kubeForwards).length,
  /**
   * The pod the pod commands act on: the one open in the details drawer, else
   * the selected row of the Pods table.
   */
  selectedPod: (s: AppState): KubeObjectRef | undefined => {
    const context = s.activeContext;
    if (!context || s.activeView !== 'clusters') return undefined;
    const ui = s.clusterUi[context];
    if (!ui) return undefined;
    if (ui.details && ui.details.resource.group === '' && ui.details.resource.resource === 'pods') return ui.details;
    if (ui.selected && ui.resource.group === '' && ui.resource.resource === 'pods') {
      const slash = ui.selected.indexOf('/');
      return { context, resource: ui.resource, kind: 'Pod', namespace: ui.selected.slice(0, slash), name: ui.selected.slice(slash + 1) };
    }
    return undefined;
  },
};
