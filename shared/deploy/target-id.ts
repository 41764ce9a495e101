// Target ids as main names them: a host's id, or
// `kube:<context>/<namespace>/<kind>/<name>` for a Kubernetes workload. Runs,
// locks and history key targets by them; the renderer opens a target from them.

export interface WorkloadId {
  context: string;
  namespace: string;
  /** `deployment` | `statefulset` | `daemonset` */
  kind: string;
  name: string;
}

export function workloadId(w: WorkloadId): string {
  return `kube:${w.context}/${w.namespace}/${w.kind}/${w.name}`;
}

/** The parts of a workload target id; undefined for a host. Context names may hold `/`, the last three parts may not. */
export function parseWorkloadId(id: string): WorkloadId | undefined {
  if (!id.startsWith('kube:')) return undefined;
  const parts = id.slice(5).split('/');
  if (parts.length < 4) return undefined;
  const name = parts.pop()!;
  const kind = parts.pop()!;
  const namespace = parts.pop()!;
  return { context: parts.join('/'), namespace, kind, name };
}
