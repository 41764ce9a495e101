// Which kinds a cluster serves. Aggregated discovery (one request for /api,
// one for /apis) where the server has it, else the classic walk: /api/v1 and
// each group's preferred version, in parallel. Connecting never asks what the
// user may do with each kind: a 403 marks a kind when a view first lists it.
import type { KindCategory, KubeKind } from '../../../shared/contract/kube';
import type { KubeClient } from './client';

const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

interface AggregatedList {
  kind?: string;
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{
      version: string;
      resources?: Array<{
        resource: string;
        responseKind?: { kind?: string };
        scope?: string;
        verbs?: string[];
        shortNames?: string[];
        subresources?: Array<{ subresource: string }>;
      }>;
    }>;
  }>;
}

interface ApiResourceList {
  groupVersion: string;
  resources: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[]; shortNames?: string[] }>;
}

interface ApiGroupList {
  groups?: Array<{ name: string; preferredVersion?: { version: string }; versions?: Array<{ version: string }> }>;
  versions?: string[];
}

export interface DiscoveryResult {
  kinds: KubeKind[];
  /** Groups whose resources could not be read (an aggregated API that is down). */
  problems: string[];
}

export async function discoverKinds(client: KubeClient): Promise<DiscoveryResult> {
  const [core, groups] = await Promise.all([
    client.json<AggregatedList & ApiGroupList>({ path: '/api', accept: AGGREGATED_ACCEPT }),
    client.json<AggregatedList & ApiGroupList>({ path: '/apis', accept: AGGREGATED_ACCEPT }),
  ]);
  const kinds: KubeKind[] = [];
  const problems: string[] = [];
  if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
    for (const list of [core, groups]) {
      for (const group of list.items ?? []) {
        // The first version listed is the preferred one.
        const version = group.versions?.[0];
        if (!version) continue;
        const name = group.metadata?.name ?? '';
        for (const r of version.resources ?? []) {
          kinds.push(
            kindOf(name, version.version, {
              resource: r.resource,
              kind: r.responseKind?.kind ?? r.resource,
              namespaced: r.scope === 'Namespaced',
              verbs: r.verbs ?? [],
              shortNames: r.shortNames ?? [],
              subresources: (r.subresources ?? []).map((s) => s.subresource),
            }),
          );
        }
      }
    }
    return { kinds: sortKinds(kinds), problems };
  }

  // Classic discovery.
  const lists: Array<Promise<void>> = [];
  const read = (group: string, version: string, path: string) =>
    client
      .json<ApiResourceList>({ path })
      .then((list) => {
        kinds.push(...fromResourceList(group, version, list));
      })
      .catch((error: Error) => {
        problems.push(`${group || 'core'}/${version}: ${error.message}`);
      });
  const coreVersion = core.versions?.includes('v1') ? 'v1' : core.versions?.[0];
  if (coreVersion) lists.push(read('', coreVersion, `/api/${coreVersion}`));
  for (const group of groups.groups ?? []) {
    const version = group.preferredVersion?.version ?? group.versions?.[0]?.version;
    if (version) lists.push(read(group.name, version, `/apis/${group.name}/${version}`));
  }
  await Promise.all(lists);
  if (kinds.length === 0 && problems.length > 0) throw new Error(`discovery failed: ${problems[0]}`);
  return { kinds: sortKinds(kinds), problems };
}

function fromResourceList(group: string, version: string, list: ApiResourceList): KubeKind[] {
  const subresources = new Map<string, string[]>();
  for (const r of list.resources ?? []) {
    const slash = r.name.indexOf('/');
    if (slash > 0) {
      const parent = r.name.slice(0, slash);
      subresources.set(parent, [...(subresources.get(parent) ?? []), r.name.slice(slash + 1)]);
    }
  }
  return (list.resources ?? [])
    .filter((r) => !r.name.includes('/'))
    .map((r) =>
      kindOf(group, version, { resource: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs ?? [], shortNames: r.shortNames ?? [], subresources: subresources.get(r.name) ?? [] }),
    );
}

interface RawKind {
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  subresources: string[];
}

// The groups Kubernetes itself serves; anything else comes from a CRD (or an
// aggregated API like metrics.k8s.io, which users browse the same way).
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'extensions', 'metrics.k8s.io']);
const BUILT_IN_K8S_IO = /^(admissionregistration|apiextensions|apiregistration|authentication|authorization|certificates|coordination|discovery|events|flowcontrol\.apiserver|internal\.apiserver|networking|node|rbac\.authorization|resource|scheduling|storage|storagemigration)\.k8s\.io$/;

export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group) || BUILT_IN_K8S_IO.test(group);
}

function kindOf(group: string, version: string, raw: RawKind): KubeKind {
  const custom = !isBuiltInGroup(group);
  return { group, version, ...raw, category: custom ? 'Custom Resources' : categoryOf(group, raw.resource), custom };
}

// Grouped the way Lens and Headlamp group their sidebars.
const CATEGORIES: Record<string, KindCategory> = {
  '/nodes': 'Cluster',
  '/namespaces': 'Cluster',
  '/events': 'Cluster',
  'events.k8s.io/events': 'Cluster',
  '/componentstatuses': 'Cluster',
  'apiextensions.k8s.io/customresourcedefinitions': 'Cluster',
  'apiregistration.k8s.io/apiservices': 'Cluster',
  '/pods': 'Workloads',
  'apps/deployments': 'Workloads',
  'apps/daemonsets': 'Workloads',
  'apps/statefulsets': 'Workloads',
  'apps/replicasets': 'Workloads',
  '/replicationcontrollers': 'Workloads',
  'batch/jobs': 'Workloads',
  'batch/cronjobs': 'Workloads',
  '/configmaps': 'Config',
  '/secrets': 'Config',
  '/resourcequotas': 'Config',
  '/limitranges': 'Config',
  'autoscaling/horizontalpodautoscalers': 'Config',
  'policy/poddisruptionbudgets': 'Config',
  'scheduling.k8s.io/priorityclasses': 'Config',
  'node.k8s.io/runtimeclasses': 'Config',
  'coordination.k8s.io/leases': 'Config',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': 'Config',
  'admissionregistration.k8s.io/validatingwebhookconfigurations': 'Config',
  '/services': 'Network',
  '/endpoints': 'Network',
  'discovery.k8s.io/endpointslices': 'Network',
  'networking.k8s.io/ingresses': 'Network',
  'networking.k8s.io/ingressclasses': 'Network',
  'networking.k8s.io/networkpolicies': 'Network',
  '/persistentvolumeclaims': 'Storage',
  '/persistentvolumes': 'Storage',
  'storage.k8s.io/storageclasses': 'Storage',
  'storage.k8s.io/csidrivers': 'Storage',
  'storage.k8s.io/csinodes': 'Storage',
  'storage.k8s.io/volumeattachments': 'Storage',
  '/serviceaccounts': 'Access Control',
  'rbac.authorization.k8s.io/roles': 'Access Control',
  'rbac.authorization.k8s.io/rolebindings': 'Access Control',
  'rbac.authorization.k8s.io/clusterroles': 'Access Control',
  'rbac.authorization.k8s.io/clusterrolebindings': 'Access Control',
};

export function categoryOf(group: string, resource: string): KindCategory {
  return CATEGORIES[`${group}/${resource}`] ?? 'Other';
}

function sortKinds(kinds: KubeKind[]): KubeKind[] {
  // Hide what users never browse: review objects are create-only, bindings are pods' subresource in all but name.
  const browsable = kinds.filter((k) => k.verbs.length === 0 || k.verbs.includes('list'));
  // The same kind served by two groups (events in core and events.k8s.io): keep the core one.
  const seen = new Set<string>();
  const out: KubeKind[] = [];
  for (const kind of browsable.sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : 0))) {
    const key = `${kind.kind}/${kind.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(kind);
  }
  return out.sort((a, b) => a.category.localeCompare(b.category) || a.kind.localeCompare(b.kind));
}
