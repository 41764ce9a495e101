import type { KubeConnection, KubeContextList, KubeForward, KubeObjectYaml, KubeResource, ViewPhase } from '../../../../shared/contract/kube';
import type { SortSpec } from '../model/sort';

export const PODS: KubeResource = { group: '', version: 'v1', resource: 'pods' };
export const NAMESPACES: KubeResource = { group: '', version: 'v1', resource: 'namespaces' };
export const NODES: KubeResource = { group: '', version: 'v1', resource: 'nodes' };

/** One object, as the details drawer and the actions name it. */
export interface KubeObjectRef {
  context: string;
  resource: KubeResource;
  /** The kind ("Pod"), when known: for titles. */
  kind?: string;
  namespace: string;
  name: string;
}

export type DetailsTab = 'yaml' | 'events' | 'related';

/** What the user had chosen in one context, kept while they look at another. */
export interface ClusterUi {
  resource: KubeResource;
  namespaces: string[];
  search: string;
  labelSelector: string;
  /** Sort per kind, by resource key. */
  sorts: Record<string, SortSpec>;
  /** The selected row's "namespace/name". */
  selected: string | undefined;
  details: KubeObjectRef | undefined;
  detailsTab: DetailsTab;
}

export interface KindStatus {
  phase: ViewPhase;
  count: number;
  message?: string;
}

export type Container = NonNullable<KubeObjectYaml['containers']>[number];

export type ClusterDialog =
  | { type: 'scale'; target: KubeObjectRef; replicas: number | undefined }
  | { type: 'delete'; target: KubeObjectRef }
  | { type: 'restart'; target: KubeObjectRef }
  | { type: 'drain'; context: string; node: string }
  | { type: 'container'; purpose: 'exec' | 'logs'; target: KubeObjectRef; containers: Container[] }
  | { type: 'port-forward'; target: KubeObjectRef };

export interface ClustersState {
  kubeContextList: KubeContextList | undefined;
  kubeContextsLoading: boolean;
  kubeContextsError: string | undefined;
  /** Connection of each context, as main reports it (or as a connect call left it). */
  kubeConnections: Record<string, KubeConnection>;
  activeContext: string | undefined;
  clusterUi: Record<string, ClusterUi>;
  /** Per `context\nresourceKey`: the last status of a view of that kind (counts, forbidden). */
  kindStatus: Record<string, KindStatus>;
  kubeForwards: Record<string, KubeForward>;
  kubeForwardsOpen: boolean;
  clusterQuickPick: 'context' | 'kind' | undefined;
  clusterDialog: ClusterDialog | undefined;
  /** Width of the details drawer, in pixels. */
  detailsWidth: number;
}

export const clustersInitialState: ClustersState = {
  kubeContextList: undefined,
  kubeContextsLoading: false,
  kubeContextsError: undefined,
  kubeConnections: {},
  activeContext: undefined,
  clusterUi: {},
  kindStatus: {},
  kubeForwards: {},
  kubeForwardsOpen: false,
  clusterQuickPick: undefined,
  clusterDialog: undefined,
  detailsWidth: 560,
};

export function defaultUi(): ClusterUi {
  return { resource: PODS, namespaces: [], search: '', labelSelector: '', sorts: {}, selected: undefined, details: undefined, detailsTab: 'yaml' };
}
