// Which actions an object offers, by kind (as Lens and Headlamp offer them).
import type { KubeKind, KubeResource } from '../../../../shared/contract/kube';
import { resourceKey } from '../model/kinds';

export type ActionId = 'exec' | 'logs' | 'port-forward' | 'scale' | 'restart' | 'cordon' | 'uncordon' | 'drain' | 'delete';

const BY_KIND: Record<string, ActionId[]> = {
  '/pods': ['exec', 'logs', 'port-forward'],
  'apps/deployments': ['scale', 'restart'],
  'apps/statefulsets': ['scale', 'restart'],
  'apps/replicasets': ['scale'],
  'apps/daemonsets': ['restart'],
  '/nodes': ['cordon', 'drain'],
};

export const ACTION_LABELS: Record<ActionId, string> = {
  exec: 'Exec',
  logs: 'Logs',
  'port-forward': 'Port-forward…',
  scale: 'Scale…',
  restart: 'Restart',
  cordon: 'Cordon',
  uncordon: 'Uncordon',
  drain: 'Drain…',
  delete: 'Delete…',
};

/**
 * The actions for an object of `resource`. `unschedulable` says whether a
 * node is cordoned (Uncordon replaces Cordon). Delete is offered where the
 * kind allows it (discovery without verbs is taken on trust).
 */
export function actionsFor(resource: Pick<KubeResource, 'group' | 'resource'>, kind: Pick<KubeKind, 'verbs'> | undefined, state: { unschedulable?: boolean } = {}): ActionId[] {
  const actions = (BY_KIND[resourceKey(resource)] ?? []).map((a): ActionId => (a === 'cordon' && state.unschedulable ? 'uncordon' : a));
  const verbs = kind?.verbs ?? [];
  if (verbs.length === 0 || verbs.includes('delete')) actions.push('delete');
  return actions;
}
