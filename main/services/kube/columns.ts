// What a table shows of each kind: the columns kubectl and Lens users expect,
// projected from the object once when it arrives, so the informer keeps a few
// strings per object instead of the object (50,000 pods fit in tens of MB).
import type { KubeColumn, KubeResource } from '../../../shared/contract/kube';

export type Cell = string | number | null;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes objects are open JSON

export interface Projection {
  columns: KubeColumn[];
  /** The kind-specific cells (after name and namespace, before age). */
  cells(obj: Obj): Cell[];
}

const text = (id: string, title: string, width?: number): KubeColumn => ({ id, title, type: 'text', ...(width ? { width } : {}) });
const num = (id: string, title: string, width = 80): KubeColumn => ({ id, title, type: 'number', width });
const status = (id: string, title: string): KubeColumn => ({ id, title, type: 'status', width: 130 });
const age = (id: string, title: string): KubeColumn => ({ id, title, type: 'age', width: 70 });

const epoch = (stamp: unknown): number | null => {
  if (typeof stamp !== 'string') return null;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? null : ms;
};

/** kubectl's pod STATUS column: the waiting/terminated reason that matters, else the phase; Terminating while deleting. */
export function podStatus(pod: Obj): string {
  const st = pod.status ?? {};
  let reason: string = st.reason || st.phase || 'Unknown';
  const initStatuses: Obj[] = st.initContainerStatuses ?? [];
  const initCount = (pod.spec?.initContainers ?? []).length;
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) reason = terminated.reason ? `Init:${terminated.reason}` : terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses: Obj[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`);
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (st.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podReady(pod: Obj): string {
  const statuses: Obj[] = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length || statuses.length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

const podRestarts = (pod: Obj): number => ((pod.status?.containerStatuses ?? []) as Obj[]).reduce((sum, c) => sum + (Number(c.restartCount) || 0), 0);

function nodeStatus(node: Obj): string {
  const ready = ((node.status?.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: Obj): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

const joinOr = (values: unknown[], none = '<none>') => (values.length ? values.join(',') : none);

function servicePorts(svc: Obj): string {
  return joinOr(((svc.spec?.ports ?? []) as Obj[]).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`));
}

function externalIp(svc: Obj): string {
  const ingress = ((svc.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip ?? i.hostname);
  const external = (svc.spec?.externalIPs ?? []) as string[];
  const all = [...ingress, ...external].filter(Boolean);
  if (all.length) return all.join(',');
  return svc.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function jobCompletions(job: Obj): string {
  return `${job.status?.succeeded ?? 0}/${job.spec?.completions ?? 1}`;
}

function jobStatus(job: Obj): string {
  const conditions = (job.status?.conditions ?? []) as Obj[];
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return 'Complete';
  if (conditions.some((c) => c.type === 'Failed' && c.status === 'True')) return 'Failed';
  if (job.spec?.suspend) return 'Suspended';
  return 'Running';
}

function pvcStatus(pvc: Obj): string {
  return pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending');
}

const PROJECTIONS: Record<string, Projection> = {
  '/pods': {
    columns: [text('ready', 'Ready', 70), status('status', 'Status'), num('restarts', 'Restarts'), text('node', 'Node', 140), text('ip', 'IP', 120)],
    cells: (p) => [podReady(p), podStatus(p), podRestarts(p), p.spec?.nodeName ?? null, p.status?.podIP ?? null],
  },
  'apps/deployments': {
    columns: [text('ready', 'Ready', 70), num('upToDate', 'Up-to-date'), num('available', 'Available')],
    cells: (d) => [`${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0],
  },
  'apps/replicasets': {
    columns: [num('desired', 'Desired'), num('current', 'Current'), num('ready', 'Ready')],
    cells: (r) => [r.spec?.replicas ?? 1, r.status?.replicas ?? 0, r.status?.readyReplicas ?? 0],
  },
  'apps/statefulsets': {
    columns: [text('ready', 'Ready', 70)],
    cells: (s) => [`${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`],
  },
  'apps/daemonsets': {
    columns: [num('desired', 'Desired'), num('current', 'Current'), num('ready', 'Ready'), num('available', 'Available')],
    cells: (d) => [d.status?.desiredNumberScheduled ?? 0, d.status?.currentNumberScheduled ?? 0, d.status?.numberReady ?? 0, d.status?.numberAvailable ?? 0],
  },
  'batch/jobs': {
    columns: [status('status', 'Status'), text('completions', 'Completions', 90)],
    cells: (j) => [jobStatus(j), jobCompletions(j)],
  },
  'batch/cronjobs': {
    columns: [text('schedule', 'Schedule', 110), text('suspend', 'Suspend', 70), num('active', 'Active'), text('lastSchedule', 'Last schedule', 170)],
    cells: (c) => [c.spec?.schedule ?? '', String(Boolean(c.spec?.suspend)), (c.status?.active ?? []).length, c.status?.lastScheduleTime ?? null],
  },
  '/services': {
    columns: [text('type', 'Type', 100), text('clusterIp', 'Cluster IP', 120), text('externalIp', 'External IP', 120), text('ports', 'Ports', 140)],
    cells: (s) => [s.spec?.type ?? 'ClusterIP', s.spec?.clusterIP ?? '<none>', externalIp(s), servicePorts(s)],
  },
  'networking.k8s.io/ingresses': {
    columns: [text('class', 'Class', 90), text('hosts', 'Hosts', 200), text('address', 'Address', 120)],
    cells: (i) => [
      i.spec?.ingressClassName ?? '<none>',
      joinOr(((i.spec?.rules ?? []) as Obj[]).map((r) => r.host ?? '*'), '*'),
      joinOr(((i.status?.loadBalancer?.ingress ?? []) as Obj[]).map((x) => x.ip ?? x.hostname), ''),
    ],
  },
  '/configmaps': {
    columns: [num('data', 'Data')],
    cells: (c) => [Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length],
  },
  '/secrets': {
    columns: [text('type', 'Type', 200), num('data', 'Data')],
    cells: (s) => [s.type ?? 'Opaque', Object.keys(s.data ?? {}).length],
  },
  '/nodes': {
    columns: [status('status', 'Status'), text('roles', 'Roles', 110), text('version', 'Version', 100), text('ip', 'Internal IP', 120)],
    cells: (n) => [
      nodeStatus(n),
      nodeRoles(n),
      n.status?.nodeInfo?.kubeletVersion ?? '',
      ((n.status?.addresses ?? []) as Obj[]).find((a) => a.type === 'InternalIP')?.address ?? null,
    ],
  },
  '/namespaces': {
    columns: [status('status', 'Status')],
    cells: (n) => [n.status?.phase ?? 'Active'],
  },
  '/events': {
    columns: [status('type', 'Type'), text('reason', 'Reason', 130), text('object', 'Object', 200), text('message', 'Message', 360), num('count', 'Count', 60)],
    cells: (e) => [
      e.type ?? 'Normal',
      e.reason ?? '',
      `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      e.message ?? e.note ?? '',
      e.count ?? e.series?.count ?? 1,
    ],
  },
  '/persistentvolumeclaims': {
    columns: [status('status', 'Status'), text('volume', 'Volume', 160), text('capacity', 'Capacity', 80), text('storageClass', 'Storage class', 120)],
    cells: (p) => [pvcStatus(p), p.spec?.volumeName ?? '', p.status?.capacity?.storage ?? '', p.spec?.storageClassName ?? ''],
  },
  '/persistentvolumes': {
    columns: [text('capacity', 'Capacity', 80), text('reclaim', 'Reclaim', 80), status('status', 'Status'), text('claim', 'Claim', 180), text('storageClass', 'Storage class', 120)],
    cells: (p) => [
      p.spec?.capacity?.storage ?? '',
      p.spec?.persistentVolumeReclaimPolicy ?? '',
      p.status?.phase ?? '',
      p.spec?.claimRef ? `${p.spec.claimRef.namespace}/${p.spec.claimRef.name}` : '',
      p.spec?.storageClassName ?? '',
    ],
  },
  'storage.k8s.io/storageclasses': {
    columns: [text('provisioner', 'Provisioner', 200), text('reclaim', 'Reclaim', 80), text('binding', 'Binding mode', 140)],
    cells: (s) => [s.provisioner ?? '', s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate'],
  },
  '/serviceaccounts': {
    columns: [num('secrets', 'Secrets')],
    cells: (s) => [(s.secrets ?? []).length],
  },
  'rbac.authorization.k8s.io/rolebindings': {
    columns: [text('role', 'Role', 200)],
    cells: (b) => [`${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`],
  },
  'rbac.authorization.k8s.io/clusterrolebindings': {
    columns: [text('role', 'Role', 200)],
    cells: (b) => [`${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`],
  },
  'apiextensions.k8s.io/customresourcedefinitions': {
    columns: [text('group', 'Group', 180), text('kind', 'Kind', 140), text('scope', 'Scope', 90)],
    cells: (c) => [c.spec?.group ?? '', c.spec?.names?.kind ?? '', c.spec?.scope ?? ''],
  },
};

const NONE: Projection = { columns: [], cells: () => [] };

export function projectionFor(resource: KubeResource): Projection {
  return PROJECTIONS[`${resource.group}/${resource.resource}`] ?? NONE;
}

/** Every column of a table, in order: name, namespace (namespaced kinds), the kind's own, age. */
export function columnsFor(resource: KubeResource, namespaced: boolean): KubeColumn[] {
  return [
    text('name', 'Name', 260),
    ...(namespaced ? [text('namespace', 'Namespace', 140)] : []),
    ...projectionFor(resource).columns,
    age('age', 'Age'),
  ];
}

/** The row cells for `columnsFor`: the same order. Age is the creation time (epoch ms); the renderer ages it. */
export function cellsFor(projection: Projection, obj: Obj, namespaced: boolean): Cell[] {
  const meta = obj.metadata ?? {};
  return [meta.name ?? '', ...(namespaced ? [meta.namespace ?? ''] : []), ...projection.cells(obj), epoch(meta.creationTimestamp)];
}

export { epoch as epochOf };
