// `kubectl drain`: cordon the node, decide which pods go (DaemonSet and mirror
// pods stay; unmanaged pods and emptyDir data only when the user says so),
// evict them through the Eviction API so PodDisruptionBudgets are honoured
// (a 429 means "blocked for now": retried), and wait until each is gone.
import type { DrainEvent } from '../../../shared/contract/kube';
import { KubeApiError } from './errors';
import { cordonNode, type ObjectContext } from './objects';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes objects are open JSON

export interface DrainOptions {
  node: string;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  timeoutSeconds: number;
  signal: AbortSignal;
  /** Pause between eviction retries and gone-checks. */
  pollMs?: number;
}

interface Plan {
  evict: Obj[];
  skipped: Array<{ namespace: string; name: string; reason: string }>;
}

export function planDrain(pods: Obj[], options: Pick<DrainOptions, 'ignoreDaemonSets' | 'deleteEmptyDirData' | 'force'>): Plan & { refused: string[] } {
  const plan: Plan & { refused: string[] } = { evict: [], skipped: [], refused: [] };
  for (const pod of pods) {
    const ref = { namespace: String(pod.metadata?.namespace ?? ''), name: String(pod.metadata?.name ?? '') };
    const controller = ((pod.metadata?.ownerReferences ?? []) as Obj[]).find((o) => o.controller);
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) {
      plan.skipped.push({ ...ref, reason: 'mirror pod (managed by the kubelet)' });
      continue;
    }
    if (controller?.kind === 'DaemonSet' && !finished) {
      if (options.ignoreDaemonSets) plan.skipped.push({ ...ref, reason: 'DaemonSet-managed' });
      else plan.refused.push(`${ref.namespace}/${ref.name} is managed by a DaemonSet (ignore DaemonSets to drain anyway)`);
      continue;
    }
    if (!controller && !finished && !options.force) {
      plan.refused.push(`${ref.namespace}/${ref.name} is not managed by a controller and would not come back (force to delete it)`);
      continue;
    }
    const emptyDir = ((pod.spec?.volumes ?? []) as Obj[]).some((v) => v.emptyDir);
    if (emptyDir && !finished && !options.deleteEmptyDirData) {
      plan.refused.push(`${ref.namespace}/${ref.name} has emptyDir data that would be lost (allow deleting emptyDir data)`);
      continue;
    }
    plan.evict.push(pod);
  }
  return plan;
}

export async function drainNode(ctx: ObjectContext, options: DrainOptions, emit: (event: DrainEvent) => void): Promise<void> {
  const poll = options.pollMs ?? 1000;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      options.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  await cordonNode(ctx, options.node, true);
  emit({ type: 'cordoned' });
  const list = await ctx.client.json<{ items?: Obj[] }>({ path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${options.node}` } });
  const plan = planDrain(list.items ?? [], options);
  emit({
    type: 'plan',
    evict: plan.evict.map((p) => ({ namespace: String(p.metadata.namespace), name: String(p.metadata.name) })),
    skipped: [...plan.skipped, ...plan.refused.map((reason) => ({ namespace: '', name: '', reason }))],
  });
  if (plan.refused.length > 0) throw new Error(`cannot drain ${options.node}: ${plan.refused.join('; ')}`);

  let evicted = 0;
  await Promise.all(
    plan.evict.map(async (pod) => {
      const namespace = String(pod.metadata.namespace);
      const name = String(pod.metadata.name);
      const uid = pod.metadata.uid;
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
      emit({ type: 'pod', namespace, name, state: 'evicting' });
      let blockedSaid = false;
      // Evict, retrying while a disruption budget says not now.
      for (;;) {
        if (options.signal.aborted) return;
        try {
          await ctx.client.json({ method: 'POST', path: `${path}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } } });
          break;
        } catch (error) {
          if (error instanceof KubeApiError && error.status === 404) break;
          if (error instanceof KubeApiError && error.status === 429 && Date.now() < deadline) {
            if (!blockedSaid) emit({ type: 'pod', namespace, name, state: 'blocked', message: error.message });
            blockedSaid = true;
            await sleep(poll * 5);
            continue;
          }
          emit({ type: 'pod', namespace, name, state: 'failed', message: (error as Error).message });
          return;
        }
      }
      // Wait until it is gone (or replaced by a pod of the same name: a StatefulSet's).
      while (!options.signal.aborted) {
        try {
          const now = await ctx.client.json<Obj>({ path });
          if (now.metadata?.uid !== uid) break;
        } catch (error) {
          if (error instanceof KubeApiError && error.status === 404) break;
        }
        if (Date.now() > deadline) {
          emit({ type: 'pod', namespace, name, state: 'failed', message: `still there after ${options.timeoutSeconds} s` });
          return;
        }
        await sleep(poll);
      }
      if (options.signal.aborted) return;
      evicted++;
      emit({ type: 'pod', namespace, name, state: 'gone' });
    }),
  );
  if (!options.signal.aborted) emit({ type: 'done', evicted });
}
