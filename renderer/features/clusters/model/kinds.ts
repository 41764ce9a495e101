// The sidebar's kinds: grouped by category in the order Lens and Headlamp use,
// the well-known kinds first in their customary order, custom resources by API
// group, and a title for each.
import type { KindCategory, KubeKind, KubeResource } from '../../../../shared/contract/kube';

/** One string per kind in a cluster: "apps/deployments", "/pods" (the core group is ''). */
export const resourceKey = (r: Pick<KubeResource, 'group' | 'resource'>): string => `${r.group}/${r.resource}`;

export const sameResource = (a: Pick<KubeResource, 'group' | 'resource'> | undefined, b: Pick<KubeResource, 'group' | 'resource'> | undefined): boolean =>
  !!a && !!b && a.group === b.group && a.resource === b.resource;

export const CATEGORY_ORDER: readonly KindCategory[] = ['Cluster', 'Workloads', 'Config', 'Network', 'Storage', 'Access Control', 'Custom Resources', 'Other'];

// Within a category, the kinds users look for first, in the anchors' order; the rest follow alphabetically.
const KNOWN_ORDER: readonly string[] = [
  '/nodes', '/namespaces', '/events', 'events.k8s.io/events', 'apiextensions.k8s.io/customresourcedefinitions', 'apiregistration.k8s.io/apiservices', '/componentstatuses',
  '/pods', 'apps/deployments', 'apps/statefulsets', 'apps/daemonsets', 'apps/replicasets', '/replicationcontrollers', 'batch/jobs', 'batch/cronjobs',
  '/configmaps', '/secrets', '/resourcequotas', '/limitranges', 'autoscaling/horizontalpodautoscalers', 'policy/poddisruptionbudgets',
  'scheduling.k8s.io/priorityclasses', 'node.k8s.io/runtimeclasses', 'coordination.k8s.io/leases',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations', 'admissionregistration.k8s.io/validatingwebhookconfigurations',
  '/services', '/endpoints', 'discovery.k8s.io/endpointslices', 'networking.k8s.io/ingresses', 'networking.k8s.io/ingressclasses', 'networking.k8s.io/networkpolicies',
  '/persistentvolumeclaims', '/persistentvolumes', 'storage.k8s.io/storageclasses', 'storage.k8s.io/csidrivers', 'storage.k8s.io/csinodes', 'storage.k8s.io/volumeattachments',
  '/serviceaccounts', 'rbac.authorization.k8s.io/clusterroles', 'rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterrolebindings', 'rbac.authorization.k8s.io/rolebindings',
];
const RANK = new Map(KNOWN_ORDER.map((key, index) => [key, index]));

const TITLES: Record<string, string> = {
  '/nodes': 'Nodes', '/namespaces': 'Namespaces', '/events': 'Events', 'events.k8s.io/events': 'Events', '/componentstatuses': 'Component Statuses',
  'apiextensions.k8s.io/customresourcedefinitions': 'Definitions', 'apiregistration.k8s.io/apiservices': 'API Services',
  '/pods': 'Pods', 'apps/deployments': 'Deployments', 'apps/statefulsets': 'StatefulSets', 'apps/daemonsets': 'DaemonSets', 'apps/replicasets': 'ReplicaSets',
  '/replicationcontrollers': 'Replication Controllers', 'batch/jobs': 'Jobs', 'batch/cronjobs': 'CronJobs',
  '/configmaps': 'ConfigMaps', '/secrets': 'Secrets', '/resourcequotas': 'Resource Quotas', '/limitranges': 'Limit Ranges',
  'autoscaling/horizontalpodautoscalers': 'Horizontal Pod Autoscalers', 'policy/poddisruptionbudgets': 'Pod Disruption Budgets',
  'scheduling.k8s.io/priorityclasses': 'Priority Classes', 'node.k8s.io/runtimeclasses': 'Runtime Classes', 'coordination.k8s.io/leases': 'Leases',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': 'Mutating Webhooks', 'admissionregistration.k8s.io/validatingwebhookconfigurations': 'Validating Webhooks',
  '/services': 'Services', '/endpoints': 'Endpoints', 'discovery.k8s.io/endpointslices': 'Endpoint Slices', 'networking.k8s.io/ingresses': 'Ingresses',
  'networking.k8s.io/ingressclasses': 'Ingress Classes', 'networking.k8s.io/networkpolicies': 'Network Policies',
  '/persistentvolumeclaims': 'Persistent Volume Claims', '/persistentvolumes': 'Persistent Volumes', 'storage.k8s.io/storageclasses': 'Storage Classes',
  'storage.k8s.io/csidrivers': 'CSI Drivers', 'storage.k8s.io/csinodes': 'CSI Nodes', 'storage.k8s.io/volumeattachments': 'Volume Attachments',
  '/serviceaccounts': 'Service Accounts', 'rbac.authorization.k8s.io/clusterroles': 'Cluster Roles', 'rbac.authorization.k8s.io/roles': 'Roles',
  'rbac.authorization.k8s.io/clusterrolebindings': 'Cluster Role Bindings', 'rbac.authorization.k8s.io/rolebindings': 'Role Bindings',
};

/**
 * What the sidebar calls a kind: the customary title for built-in kinds, else
 * the kind's own spelling made plural the way its resource is ("NetworkPolicy"
 * + "networkpolicies" → "NetworkPolicies").
 */
export function kindTitle(kind: Pick<KubeKind, 'group' | 'resource' | 'kind'>): string {
  const known = TITLES[resourceKey(kind)];
  if (known) return known;
  const lower = kind.kind.toLowerCase();
  let common = 0;
  while (common < lower.length && common < kind.resource.length && lower[common] === kind.resource[common]) common++;
  if (common === 0) return kind.resource;
  return kind.kind.slice(0, common) + kind.resource.slice(common);
}

/** One of a kind, in words: "pod", "persistent volume claim", "csi driver". */
export function kindSingular(kind: Pick<KubeKind, 'kind'>): string {
  const words = kind.kind.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g);
  return words ? words.join(' ').toLowerCase() : kind.kind.toLowerCase();
}

export interface KindGroup {
  /** The API group, for custom resources; undefined elsewhere. */
  group: string | undefined;
  kinds: KubeKind[];
}

export interface KindSection {
  category: KindCategory;
  groups: KindGroup[];
}

function byRankThenTitle(a: KubeKind, b: KubeKind): number {
  const ra = RANK.get(resourceKey(a)) ?? Number.MAX_SAFE_INTEGER;
  const rb = RANK.get(resourceKey(b)) ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  const ta = kindTitle(a);
  const tb = kindTitle(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** Kinds a table can show: listable (discovery without verbs is taken on trust), one per group/resource. */
export function browsableKinds(kinds: readonly KubeKind[]): KubeKind[] {
  const seen = new Set<string>();
  const out: KubeKind[] = [];
  for (const kind of kinds) {
    if (kind.verbs.length > 0 && !kind.verbs.includes('list')) continue;
    const key = resourceKey(kind);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(kind);
  }
  return out;
}

/** The sidebar: categories in the anchors' order; custom resources split by API group. */
export function groupKinds(kinds: readonly KubeKind[]): KindSection[] {
  const byCategory = new Map<KindCategory, KubeKind[]>();
  for (const kind of browsableKinds(kinds)) {
    const category = CATEGORY_ORDER.includes(kind.category) ? kind.category : 'Other';
    const list = byCategory.get(category) ?? [];
    list.push(kind);
    byCategory.set(category, list);
  }
  const sections: KindSection[] = [];
  for (const category of CATEGORY_ORDER) {
    const list = byCategory.get(category);
    if (!list?.length) continue;
    if (category !== 'Custom Resources') {
      sections.push({ category, groups: [{ group: undefined, kinds: list.sort(byRankThenTitle) }] });
      continue;
    }
    const byGroup = new Map<string, KubeKind[]>();
    for (const kind of list) byGroup.set(kind.group, [...(byGroup.get(kind.group) ?? []), kind]);
    const groups = [...byGroup.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, members]) => ({ group, kinds: members.sort(byRankThenTitle) }));
    sections.push({ category, groups });
  }
  return sections;
}

/**
 * The `kind-<resource>` test id: the plural alone, unless two groups serve the
 * same plural (then `kind-<resource>.<group>` for the non-core ones).
 */
export function kindTestIds(kinds: readonly KubeKind[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const kind of kinds) count.set(kind.resource, (count.get(kind.resource) ?? 0) + 1);
  const ids = new Map<string, string>();
  for (const kind of kinds) {
    const ambiguous = (count.get(kind.resource) ?? 0) > 1 && kind.group !== '';
    ids.set(resourceKey(kind), ambiguous ? `kind-${kind.resource}.${kind.group}` : `kind-${kind.resource}`);
  }
  return ids;
}

/** A kind typed by a user: its plural, singular kind name, short name or title ("po", "deploy", "Pods"). */
export function findKind(kinds: readonly KubeKind[], text: string): KubeKind | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  return (
    kinds.find((k) => k.resource === t && k.group === '') ??
    kinds.find((k) => k.resource === t || `${k.resource}.${k.group}` === t) ??
    kinds.find((k) => k.kind.toLowerCase() === t || k.shortNames.includes(t)) ??
    kinds.find((k) => kindTitle(k).toLowerCase() === t)
  );
}
