// Which instances an action applies to, by state, and how a selection spread
// over regions becomes one call per region (EC2 calls are regional).
import type { Ec2Instance, InstanceAction, InstanceState } from '../../../../shared/contract/cloud';

const APPLIES: Record<InstanceAction, ReadonlySet<InstanceState>> = {
  start: new Set(['stopped']),
  stop: new Set(['running', 'pending']),
  reboot: new Set(['running']),
  terminate: new Set(['pending', 'running', 'stopping', 'stopped']),
};

export const ACTION_VERBS: Record<InstanceAction, { label: string; doing: string }> = {
  start: { label: 'Start', doing: 'Starting' },
  stop: { label: 'Stop', doing: 'Stopping' },
  reboot: { label: 'Reboot', doing: 'Rebooting' },
  terminate: { label: 'Terminate', doing: 'Terminating' },
};

export const appliesTo = (action: InstanceAction, state: InstanceState): boolean => APPLIES[action].has(state);

export interface ActionPlan {
  /** Region → the instances the action goes to there. */
  byRegion: Map<string, Ec2Instance[]>;
  /** Instances left out: their state does not allow the action. */
  skipped: Ec2Instance[];
}

export function planAction(action: InstanceAction, instances: readonly Ec2Instance[]): ActionPlan {
  const byRegion = new Map<string, Ec2Instance[]>();
  const skipped: Ec2Instance[] = [];
  for (const instance of instances) {
    if (!appliesTo(action, instance.state)) {
      skipped.push(instance);
      continue;
    }
    const list = byRegion.get(instance.region) ?? [];
    list.push(instance);
    byRegion.set(instance.region, list);
  }
  return { byRegion, skipped };
}

/** Group instances by region (imports, tag edits). */
export function byRegion(instances: readonly Ec2Instance[]): Map<string, Ec2Instance[]> {
  const map = new Map<string, Ec2Instance[]>();
  for (const i of instances) map.set(i.region, [...(map.get(i.region) ?? []), i]);
  return map;
}

/** "web-1", "web-1 and i-0abc…", "web-1, web-2 and 3 more". */
export function describeInstances(instances: readonly Pick<Ec2Instance, 'name' | 'id'>[]): string {
  const names = instances.map((i) => i.name || i.id);
  if (names.length <= 2) return names.join(' and ');
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}
