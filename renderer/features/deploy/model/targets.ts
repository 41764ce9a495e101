// Target ids as main names them: a host id, or `kube:<context>/<namespace>/<kind>/<name>`.
// The run view opens a target's logs from them; the entry points build them.
import type { LockInfo } from '../../../../shared/contract/deploy';
import { parseWorkloadId, workloadId } from '../../../../shared/deploy/target-id';

/** Kubernetes kinds a recipe can target, by their API resource name. */
const KINDS_BY_RESOURCE: Record<string, string> = { deployments: 'deployment', statefulsets: 'statefulset', daemonsets: 'daemonset' };

export function workloadTargetId(context: string, namespace: string, resource: string, name: string): string | undefined {
  const kind = KINDS_BY_RESOURCE[resource.replace(/^apps\//, '')];
  return kind ? workloadId({ context, namespace, kind, name }) : undefined;
}

/** What the Logs view's "Open" dialog starts with for a target: the host's journal, or the workload's namespace. */
export type LogsPrefill = { kind: 'pods'; context: string; namespace: string } | { kind: 'journald'; hostId: string };

export function logsPrefill(targetId: string): LogsPrefill {
  const workload = parseWorkloadId(targetId);
  if (workload) return { kind: 'pods', context: workload.context, namespace: workload.namespace };
  return { kind: 'journald', hostId: targetId };
}

/** "run 3f2a (web-release) by ana@laptop" — who to ask before breaking a lock. */
export function lockHolder(lock: LockInfo): string {
  return `run ${lock.runId.slice(0, 8)} (${lock.recipe}) by ${lock.user}@${lock.machine}`;
}
