import { describe, expect, it } from 'vitest';
import type { KindCategory, KubeKind } from '../../../../shared/contract/kube';
import { browsableKinds, findKind, groupKinds, kindSingular, kindTestIds, kindTitle, resourceKey } from './kinds';

function kind(group: string, resource: string, kindName: string, category: KindCategory, extra: Partial<KubeKind> = {}): KubeKind {
  return { group, version: 'v1', resource, kind: kindName, namespaced: true, verbs: ['list', 'watch', 'get'], shortNames: [], subresources: [], category, custom: category === 'Custom Resources', ...extra };
}

const KINDS: KubeKind[] = [
  kind('', 'secrets', 'Secret', 'Config'),
  kind('apps', 'replicasets', 'ReplicaSet', 'Workloads'),
  kind('cert-manager.io', 'certificates', 'Certificate', 'Custom Resources'),
  kind('', 'pods', 'Pod', 'Workloads', { shortNames: ['po'] }),
  kind('batch', 'cronjobs', 'CronJob', 'Workloads'),
  kind('', 'events', 'Event', 'Cluster'),
  kind('', 'nodes', 'Node', 'Cluster', { namespaced: false }),
  kind('apps', 'deployments', 'Deployment', 'Workloads', { shortNames: ['deploy'] }),
  kind('acme.cert-manager.io', 'orders', 'Order', 'Custom Resources'),
  kind('', 'namespaces', 'Namespace', 'Cluster', { namespaced: false }),
  kind('cert-manager.io', 'issuers', 'Issuer', 'Custom Resources'),
  kind('', 'configmaps', 'ConfigMap', 'Config'),
  kind('apps', 'statefulsets', 'StatefulSet', 'Workloads'),
  kind('apps', 'daemonsets', 'DaemonSet', 'Workloads'),
  kind('batch', 'jobs', 'Job', 'Workloads'),
  kind('example.com', 'widgets', 'Widget', 'Other'),
  kind('networking.k8s.io', 'networkpolicies', 'NetworkPolicy', 'Network'),
  kind('', 'services', 'Service', 'Network'),
  kind('', 'bindings', 'Binding', 'Other', { verbs: ['create'] }),
  kind('events.k8s.io', 'events', 'Event', 'Cluster'),
];

describe('groupKinds', () => {
  const sections = groupKinds(KINDS);

  it('orders categories as Lens and Headlamp do', () => {
    expect(sections.map((s) => s.category)).toEqual(['Cluster', 'Workloads', 'Config', 'Network', 'Custom Resources', 'Other']);
  });

  it('puts the well-known kinds in their customary order', () => {
    const names = (category: string) => sections.find((s) => s.category === category)!.groups.flatMap((g) => g.kinds.map((k) => k.resource));
    expect(names('Cluster')).toEqual(['nodes', 'namespaces', 'events', 'events']);
    expect(names('Workloads')).toEqual(['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs']);
    expect(names('Config')).toEqual(['configmaps', 'secrets']);
    expect(names('Network')).toEqual(['services', 'networkpolicies']);
  });

  it('groups custom resources by API group', () => {
    const custom = sections.find((s) => s.category === 'Custom Resources')!;
    expect(custom.groups.map((g) => [g.group, g.kinds.map((k) => k.resource)])).toEqual([
      ['acme.cert-manager.io', ['orders']],
      ['cert-manager.io', ['certificates', 'issuers']],
    ]);
  });

  it('leaves out kinds that cannot be listed', () => {
    expect(browsableKinds(KINDS).some((k) => k.resource === 'bindings')).toBe(false);
  });
});

describe('kind names', () => {
  it('titles built-in kinds and pluralises custom ones from their resource', () => {
    expect(kindTitle(KINDS[3]!)).toBe('Pods');
    expect(kindTitle(KINDS[12]!)).toBe('StatefulSets');
    expect(kindTitle(KINDS[2]!)).toBe('Certificates');
    expect(kindTitle({ group: 'x.io', resource: 'networkpolicies', kind: 'NetworkPolicy' })).toBe('NetworkPolicies');
  });

  it('says one of a kind in words', () => {
    expect(kindSingular({ kind: 'Pod' })).toBe('pod');
    expect(kindSingular({ kind: 'PersistentVolumeClaim' })).toBe('persistent volume claim');
    expect(kindSingular({ kind: 'CSIDriver' })).toBe('csi driver');
  });

  it('gives test ids by plural, with the group only where two groups share it', () => {
    const ids = kindTestIds(KINDS);
    expect(ids.get('/pods')).toBe('kind-pods');
    expect(ids.get('/events')).toBe('kind-events');
    expect(ids.get('events.k8s.io/events')).toBe('kind-events.events.k8s.io');
  });

  it('finds a kind by plural, short name, kind or title', () => {
    expect(resourceKey(findKind(KINDS, 'po')!)).toBe('/pods');
    expect(resourceKey(findKind(KINDS, 'deploy')!)).toBe('apps/deployments');
    expect(resourceKey(findKind(KINDS, 'events')!)).toBe('/events');
    expect(resourceKey(findKind(KINDS, 'Certificate')!)).toBe('cert-manager.io/certificates');
    expect(findKind(KINDS, 'nope')).toBeUndefined();
  });
});
