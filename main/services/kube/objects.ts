// One object at a time: its YAML (Secrets masked), an edit applied with the
// resourceVersion it was read at (so a change made meanwhile is a conflict,
// not silently overwritten), its events, what owns it and what it owns, and
// the actions users take on it.
import { parseDocument, stringify } from 'yaml';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { KubeEvent, KubeKind, KubeObjectYaml, KubeResource, ObjectRef, Related, RelatedObject } from '../../../shared/contract/kube';
import type { KubeClient } from './client';
import { podStatus } from './columns';
import { KubeApiError } from './errors';
import { resourcePath } from './informer';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes objects are open JSON

export const SECRET_MASK = '••••••••';

export interface ObjectContext {
  client: KubeClient;
  /** The cluster's kinds, from discovery. */
  kinds(): readonly KubeKind[];
}

const where = (ref: Pick<ObjectRef, 'resource' | 'namespace' | 'name'>) => `${ref.resource.resource}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

export function kindFor(ctx: ObjectContext, resource: KubeResource): KubeKind {
  const kind = ctx.kinds().find((k) => k.group === resource.group && k.resource === resource.resource);
  if (!kind) throw new WorkbenchError({ code: 'not-found', message: `the cluster does not serve ${resource.resource}${resource.group ? `.${resource.group}` : ''}` });
  return kind;
}

const pathOf = (ctx: ObjectContext, ref: Pick<ObjectRef, 'resource' | 'namespace' | 'name'>) => {
  const kind = kindFor(ctx, ref.resource);
  return resourcePath(kind, kind.namespaced ? ref.namespace : undefined, ref.name);
};

export async function getObject(ctx: ObjectContext, ref: ObjectRef): Promise<Obj> {
  return ctx.client.json<Obj>({ path: pathOf(ctx, ref) });
}

/** What the editor shows: no managedFields (noise nobody edits), Secret values masked. */
export async function getYaml(ctx: ObjectContext, ref: ObjectRef): Promise<KubeObjectYaml> {
  const obj = await getObject(ctx, ref);
  if (obj.metadata) delete obj.metadata.managedFields;
  const masked = obj.kind === 'Secret';
  if (masked) {
    for (const field of ['data', 'stringData']) {
      if (obj[field]) for (const key of Object.keys(obj[field] as Obj)) (obj[field] as Obj)[key] = SECRET_MASK;
    }
    const annotations = obj.metadata?.annotations as Obj | undefined;
    if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) annotations['kubectl.kubernetes.io/last-applied-configuration'] = SECRET_MASK;
  }
  const containers =
    obj.kind === 'Pod'
      ? [...((obj.spec?.initContainers ?? []) as Obj[]).map((c) => ({ c, init: true })), ...((obj.spec?.containers ?? []) as Obj[]).map((c) => ({ c, init: false }))].map(({ c, init }) => ({
          name: String(c.name),
          init,
          ports: ((c.ports ?? []) as Obj[]).map((p) => ({ port: Number(p.containerPort), ...(p.name ? { name: String(p.name) } : {}), protocol: String(p.protocol ?? 'TCP') })),
        }))
      : undefined;
  return {
    yaml: stringify(obj, { lineWidth: 0 }),
    kind: String(obj.kind ?? ''),
    apiVersion: String(obj.apiVersion ?? ''),
    uid: String(obj.metadata?.uid ?? ''),
    resourceVersion: String(obj.metadata?.resourceVersion ?? ''),
    masked,
    ...(containers ? { containers } : {}),
  };
}

/** Replace the object with edited YAML, from the resourceVersion the edit began at. */
export async function applyYaml(ctx: ObjectContext, ref: ObjectRef, yaml: string, resourceVersion: string): Promise<{ resourceVersion: string }> {
  const doc = parseDocument(yaml, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0];
    throw new WorkbenchError({ code: 'invalid-request', message: `the YAML does not parse${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${error.message.split('\n')[0]}`, field: 'yaml' });
  }
  const obj = doc.toJSON() as Obj | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new WorkbenchError({ code: 'invalid-request', message: 'the YAML must be one object (a mapping with apiVersion, kind and metadata)', field: 'yaml' });
  if (obj.kind === 'Secret' && JSON.stringify(obj).includes(SECRET_MASK)) {
    throw new WorkbenchError({ code: 'invalid-request', message: 'Secret values are masked here and cannot be applied; edit the Secret with kubectl', field: 'yaml' });
  }
  const name = obj.metadata?.name;
  const namespace = obj.metadata?.namespace ?? ref.namespace;
  if (name !== ref.name || (ref.namespace && namespace !== ref.namespace)) {
    throw new WorkbenchError({ code: 'invalid-request', message: `the YAML names ${namespace ? `${namespace}/` : ''}${String(name)}, not ${where(ref)}: renaming is not an edit (create a new object instead)`, field: 'yaml' });
  }
  obj.metadata.resourceVersion = resourceVersion;
  try {
    const saved = await ctx.client.json<Obj>({ method: 'PUT', path: pathOf(ctx, ref), body: obj });
    return { resourceVersion: String(saved.metadata?.resourceVersion ?? '') };
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 409) {
      let now = '';
      try {
        now = String((await getObject(ctx, ref)).metadata?.resourceVersion ?? '');
      } catch {
        // Deleted meanwhile, or unreadable: the conflict is still the message.
      }
      throw new WorkbenchError({
        code: 'conflict',
        message: `${where(ref)} was changed on the cluster since you opened it (resourceVersion ${resourceVersion}${now ? `, now ${now}` : ''}). Reload to see the change, or re-apply over it.`,
        where: where(ref),
      });
    }
    throw error;
  }
}

const toEpoch = (stamp: unknown): number | null => (typeof stamp === 'string' && !Number.isNaN(Date.parse(stamp)) ? Date.parse(stamp) : null);

export async function eventsOf(ctx: ObjectContext, ref: ObjectRef): Promise<KubeEvent[]> {
  const kind = kindFor(ctx, ref.resource);
  const fields = [`involvedObject.name=${ref.name}`, `involvedObject.kind=${kind.kind}`];
  if (kind.namespaced) fields.push(`involvedObject.namespace=${ref.namespace}`);
  const path = kind.namespaced ? `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/events` : '/api/v1/events';
  const list = await ctx.client.json<{ items?: Obj[] }>({ path, query: { fieldSelector: fields.join(',') } });
  return (list.items ?? [])
    .map((e) => ({
      type: String(e.type ?? 'Normal'),
      reason: String(e.reason ?? ''),
      message: String(e.message ?? ''),
      count: Number(e.count ?? e.series?.count ?? 1),
      firstSeen: toEpoch(e.firstTimestamp ?? e.eventTime),
      lastSeen: toEpoch(e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.firstTimestamp),
      source: [e.source?.component ?? e.reportingComponent, e.source?.host].filter(Boolean).join(', '),
    }))
    .sort((a, b) => (a.lastSeen ?? 0) - (b.lastSeen ?? 0));
}

/** A word on an object's state for links: "3/3 ready", "Running", "Ready". */
function statusWord(obj: Obj): string | undefined {
  switch (obj.kind) {
    case 'Pod':
      return podStatus(obj);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      return `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 0} ready`;
    case 'DaemonSet':
      return `${obj.status?.numberReady ?? 0}/${obj.status?.desiredNumberScheduled ?? 0} ready`;
    case 'Node': {
      const ready = ((obj.status?.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
      return `${ready?.status === 'True' ? 'Ready' : 'NotReady'}${obj.spec?.unschedulable ? ', cordoned' : ''}`;
    }
    case 'Job':
      return `${obj.status?.succeeded ?? 0}/${obj.spec?.completions ?? 1} done`;
    default:
      return undefined;
  }
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

function relatedOf(kind: KubeKind, obj: Obj): RelatedObject {
  const word = statusWord(obj);
  return {
    resource: { group: kind.group, version: kind.version, resource: kind.resource },
    kind: kind.kind,
    namespace: String(obj.metadata?.namespace ?? ''),
    name: String(obj.metadata?.name ?? ''),
    ...(word ? { status: word } : {}),
  };
}

// What each kind's controller creates: where to look for owned objects.
const CHILDREN: Record<string, Array<[group: string, resource: string]>> = {
  Deployment: [['apps', 'replicasets']],
  ReplicaSet: [['', 'pods']],
  StatefulSet: [['', 'pods']],
  DaemonSet: [['', 'pods']],
  Job: [['', 'pods']],
  CronJob: [['batch', 'jobs']],
  ReplicationController: [['', 'pods']],
};

function selectorText(obj: Obj): string | undefined {
  const labels = obj.spec?.selector?.matchLabels as Record<string, string> | undefined;
  if (!labels || obj.spec?.selector?.matchExpressions?.length) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export async function relatedOfObject(ctx: ObjectContext, ref: ObjectRef): Promise<Related> {
  const obj = await getObject(ctx, ref);
  const kinds = ctx.kinds();
  const namespace = String(obj.metadata?.namespace ?? '');
  const owners = await Promise.all(
    ((obj.metadata?.ownerReferences ?? []) as Obj[]).map(async (owner) => {
      const kind = kinds.find((k) => k.kind === owner.kind && k.group === groupOf(String(owner.apiVersion ?? '')));
      if (!kind) return undefined;
      try {
        return relatedOf(kind, await ctx.client.json<Obj>({ path: resourcePath(kind, kind.namespaced ? namespace : undefined, String(owner.name)) }));
      } catch {
        return { resource: { group: kind.group, version: kind.version, resource: kind.resource }, kind: kind.kind, namespace, name: String(owner.name), status: 'not found' };
      }
    }),
  );

  const owned: RelatedObject[] = [];
  const uid = obj.metadata?.uid;
  const children = obj.kind === 'Node' ? [['', 'pods'] as [string, string]] : (CHILDREN[String(obj.kind)] ?? []);
  for (const [group, resource] of children) {
    const kind = kinds.find((k) => k.group === group && k.resource === resource);
    if (!kind) continue;
    const query =
      obj.kind === 'Node' ? { fieldSelector: `spec.nodeName=${ref.name}` } : selectorText(obj) ? { labelSelector: selectorText(obj) } : {};
    const list = await ctx.client.json<{ items?: Obj[] }>({ path: resourcePath(kind, obj.kind === 'Node' ? undefined : namespace), query });
    for (const item of list.items ?? []) {
      const ownedByUs = obj.kind === 'Node' || ((item.metadata?.ownerReferences ?? []) as Obj[]).some((o) => o.uid === uid);
      if (ownedByUs) owned.push({ ...relatedOf(kind, item), kind: String(item.kind ?? kind.kind) });
    }
  }
  owned.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));

  let node: RelatedObject | undefined;
  if (obj.kind === 'Pod' && obj.spec?.nodeName) {
    const nodes = kinds.find((k) => k.group === '' && k.resource === 'nodes');
    if (nodes) {
      try {
        node = relatedOf(nodes, await ctx.client.json<Obj>({ path: resourcePath(nodes, undefined, String(obj.spec.nodeName)) }));
      } catch {
        node = { resource: { group: '', version: nodes.version, resource: 'nodes' }, kind: 'Node', namespace: '', name: String(obj.spec.nodeName), status: 'not readable' };
      }
    }
  }
  return { owners: owners.filter((o): o is RelatedObject => o !== undefined), owned, ...(node ? { node } : {}) };
}

export async function scaleObject(ctx: ObjectContext, ref: ObjectRef, replicas: number): Promise<void> {
  const kind = kindFor(ctx, ref.resource);
  if (!kind.subresources.includes('scale')) throw new WorkbenchError({ code: 'invalid-request', message: `${kind.kind} cannot be scaled (no scale subresource)` });
  await ctx.client.json({ method: 'PATCH', path: `${pathOf(ctx, ref)}/scale`, body: { spec: { replicas } }, contentType: 'application/merge-patch+json' });
}

/** `kubectl rollout restart`: a new annotation on the pod template rolls every pod. */
export async function restartObject(ctx: ObjectContext, ref: ObjectRef): Promise<void> {
  const kind = kindFor(ctx, ref.resource);
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(kind.kind)) throw new WorkbenchError({ code: 'invalid-request', message: `${kind.kind} has no rollout to restart` });
  const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } };
  await ctx.client.json({ method: 'PATCH', path: pathOf(ctx, ref), body, contentType: 'application/strategic-merge-patch+json' });
}

export async function deleteObject(ctx: ObjectContext, ref: ObjectRef): Promise<void> {
  await ctx.client.json({ method: 'DELETE', path: pathOf(ctx, ref), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
}

export async function cordonNode(ctx: ObjectContext, node: string, unschedulable: boolean): Promise<void> {
  await ctx.client.json({
    method: 'PATCH',
    path: `/api/v1/nodes/${encodeURIComponent(node)}`,
    body: { spec: { unschedulable: unschedulable ? true : null } },
    contentType: 'application/merge-patch+json',
  });
}
