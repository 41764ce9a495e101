// Kubernetes steps on a workload target: apply a manifest (server-side
// apply), set a container's image, wait for the rollout as `kubectl rollout
// status` judges it, and undo — by putting back the pod template this run
// found before it first changed the workload (exact for any kind, where
// `kubectl rollout undo` only knows deployments' revisions).
import { parseAllDocuments } from 'yaml';
import type { KubeKind } from '../../../shared/contract/kube';
import type { LogSourceSpec } from '../../../shared/contract/logs';
import type { KubeService } from '../kube/service';
import { workloadPath } from './locks';
import type { WorkloadRef } from './types';

type Output = (stream: 'stdout' | 'stderr' | 'info', data: string) => void;

interface Workload {
  metadata: { name: string; generation?: number; resourceVersion?: string };
  spec: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template: { spec: { containers: Array<{ name: string; image?: string }> } } };
  status?: Record<string, number | string | undefined>;
}

/** Templates as they were before this run touched each workload, by target id. */
export type SavedTemplates = Map<string, unknown>;

async function clusterOf(kube: KubeService, w: WorkloadRef) {
  return kube.connected(w.context);
}

async function readWorkload(kube: KubeService, w: WorkloadRef, signal: AbortSignal): Promise<Workload> {
  const cluster = await clusterOf(kube, w);
  return cluster.client.json<Workload>({ path: workloadPath(w), signal });
}

async function saveTemplate(kube: KubeService, targetId: string, w: WorkloadRef, saved: SavedTemplates, signal: AbortSignal): Promise<void> {
  if (saved.has(targetId)) return;
  const obj = await readWorkload(kube, w, signal);
  saved.set(targetId, structuredClone(obj.spec.template));
}

function kindPath(kinds: readonly KubeKind[], apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const k = kinds.find((x) => x.kind === kind && x.group === group && x.version === version);
  if (!k) throw new Error(`the cluster serves no ${kind} in ${apiVersion}`);
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return `${base}${k.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : ''}/${k.resource}/${encodeURIComponent(name)}`;
}

/** Server-side apply of every document in the manifest, into the target's namespace unless one is given. */
export async function applyManifest(kube: KubeService, targetId: string, w: WorkloadRef, manifest: string, saved: SavedTemplates, output: Output, signal: AbortSignal): Promise<void> {
  const cluster = await clusterOf(kube, w);
  await saveTemplate(kube, targetId, w, saved, signal).catch(() => undefined); // the workload may be created by this very manifest
  const docs = parseAllDocuments(manifest);
  let n = 0;
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`manifest: ${doc.errors[0]!.message}`);
    const obj = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    if (!obj) continue;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) throw new Error(`manifest document ${n + 1}: apiVersion, kind and metadata.name are required`);
    const namespace = obj.metadata.namespace ?? w.namespace;
    const path = kindPath(cluster.kinds(), obj.apiVersion, obj.kind, namespace, obj.metadata.name);
    const body = { ...obj, metadata: { ...obj.metadata, namespace } };
    await cluster.client.json({ method: 'PATCH', path, query: { fieldManager: 'devops-workbench', force: true }, body, contentType: 'application/apply-patch+yaml', signal });
    output('info', `${obj.kind.toLowerCase()}/${obj.metadata.name} applied\n`);
    n++;
  }
  if (n === 0) throw new Error('the manifest holds no object');
}

export async function setImage(kube: KubeService, targetId: string, w: WorkloadRef, container: string, image: string, saved: SavedTemplates, output: Output, signal: AbortSignal): Promise<void> {
  const obj = await readWorkload(kube, w, signal);
  const names = obj.spec.template.spec.containers.map((c) => c.name);
  if (!names.includes(container)) throw new Error(`${w.kind}/${w.name} has no container "${container}" (containers: ${names.join(', ')})`);
  if (!saved.has(targetId)) saved.set(targetId, structuredClone(obj.spec.template));
  const cluster = await clusterOf(kube, w);
  const body = { spec: { template: { spec: { containers: [{ name: container, image }] } } } };
  await cluster.client.json({ method: 'PATCH', path: workloadPath(w), body, contentType: 'application/strategic-merge-patch+json', signal });
  output('info', `${w.kind}/${w.name} container ${container} image → ${image}\n`);
}

/** `kubectl rollout status`'s verdict: done, or what it is waiting for. */
export function rolloutProgress(kind: string, obj: Workload): { done: boolean; message: string } {
  const s = obj.status ?? {};
  const num = (k: string) => Number(s[k] ?? 0);
  const generation = obj.metadata.generation ?? 0;
  if (generation > num('observedGeneration')) return { done: false, message: `waiting for ${kind} "${obj.metadata.name}" spec update to be observed` };
  const desired = obj.spec.replicas ?? 1;
  if (kind === 'deployment') {
    if (num('updatedReplicas') < desired) return { done: false, message: `waiting for rollout: ${num('updatedReplicas')} out of ${desired} new replicas have been updated` };
    if (num('replicas') > num('updatedReplicas')) return { done: false, message: `waiting for rollout: ${num('replicas') - num('updatedReplicas')} old replicas are pending termination` };
    if (num('availableReplicas') < num('updatedReplicas')) return { done: false, message: `waiting for rollout: ${num('availableReplicas')} of ${num('updatedReplicas')} updated replicas are available` };
    return { done: true, message: `deployment "${obj.metadata.name}" successfully rolled out` };
  }
  if (kind === 'statefulset') {
    if (num('readyReplicas') < desired) return { done: false, message: `waiting for ${desired - num('readyReplicas')} pods to be ready` };
    if (s.updateRevision !== s.currentRevision) return { done: false, message: `waiting for partitioned roll out to finish: ${num('updatedReplicas')} out of ${desired} new pods have been updated` };
    return { done: true, message: `statefulset rolling update complete ${desired} pods at revision ${String(s.currentRevision ?? '')}` };
  }
  const want = num('desiredNumberScheduled');
  if (num('updatedNumberScheduled') < want) return { done: false, message: `waiting for daemon set rollout: ${num('updatedNumberScheduled')} out of ${want} new pods have been updated` };
  if (num('numberAvailable') < want) return { done: false, message: `waiting for daemon set rollout: ${num('numberAvailable')} of ${want} updated pods are available` };
  return { done: true, message: `daemon set "${obj.metadata.name}" successfully rolled out` };
}

export async function waitForRollout(kube: KubeService, w: WorkloadRef, output: Output, signal: AbortSignal): Promise<void> {
  let last = '';
  for (;;) {
    const obj = await readWorkload(kube, w, signal);
    const progress = rolloutProgress(w.kind, obj);
    if (progress.message !== last) {
      output('stdout', `${progress.message}\n`);
      last = progress.message;
    }
    if (progress.done) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 1000);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))), { once: true });
    });
  }
}

export async function undoRollout(kube: KubeService, targetId: string, w: WorkloadRef, saved: SavedTemplates, output: Output, signal: AbortSignal): Promise<void> {
  const template = saved.get(targetId);
  if (template === undefined) {
    output('info', `nothing to undo: this run has not changed ${w.kind}/${w.name}\n`);
    return;
  }
  const cluster = await clusterOf(kube, w);
  await cluster.client.json({ method: 'PATCH', path: workloadPath(w), body: [{ op: 'replace', path: '/spec/template', value: template }], contentType: 'application/json-patch+json', signal });
  output('info', `${w.kind}/${w.name}: pod template restored to what it was before this run\n`);
}

/** The pods of a workload as a Logs source: found by its selector's matchLabels, every container unless one is named. */
export async function workloadPodsSpec(kube: KubeService, w: WorkloadRef, container: string | undefined, signal: AbortSignal): Promise<Extract<LogSourceSpec, { kind: 'pods' }>> {
  const obj = await readWorkload(kube, w, signal);
  const labels = obj.spec.selector?.matchLabels ?? {};
  const selector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (!selector) throw new Error(`${w.kind}/${w.name} has no matchLabels selector to find its pods by`);
  return { kind: 'pods', context: w.context, namespace: w.namespace, labelSelector: selector, container: container ?? '*' };
}
