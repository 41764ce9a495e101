// "What costs money right now": the running instances, how many instance-hours
// they have run since their last start (EC2's launchTime), by instance type,
// and the longest-running first.
import type { Ec2Instance } from '../../../../shared/contract/cloud';

const HOUR_MS = 3_600_000;

export interface TypeUsage {
  type: string;
  count: number;
  hours: number;
}

export interface LongRunner {
  instance: Ec2Instance;
  /** Hours since launchTime; undefined when AWS gave none. */
  hours: number | undefined;
}

export interface RunningSummary {
  count: number;
  /** Instance-hours since each running instance's last start. */
  hours: number;
  /** Most hours first. */
  byType: TypeUsage[];
  /** Longest-running first; those without a launch time last. */
  longest: LongRunner[];
}

export const uptimeHours = (instance: Pick<Ec2Instance, 'launchTime'>, now: number): number | undefined =>
  instance.launchTime === null ? undefined : Math.max(0, now - instance.launchTime) / HOUR_MS;

export function runningSummary(instances: readonly Ec2Instance[], now: number): RunningSummary {
  const running = instances.filter((i) => i.state === 'running');
  const types = new Map<string, TypeUsage>();
  let hours = 0;
  const longest: LongRunner[] = running.map((instance) => {
    const h = uptimeHours(instance, now);
    hours += h ?? 0;
    const usage = types.get(instance.type) ?? { type: instance.type, count: 0, hours: 0 };
    usage.count += 1;
    usage.hours += h ?? 0;
    types.set(instance.type, usage);
    return { instance, hours: h };
  });
  longest.sort((a, b) => (a.hours === undefined ? (b.hours === undefined ? 0 : 1) : b.hours === undefined ? -1 : b.hours - a.hours) || a.instance.id.localeCompare(b.instance.id));
  const byType = [...types.values()].sort((a, b) => b.hours - a.hours || b.count - a.count || a.type.localeCompare(b.type));
  return { count: running.length, hours, byType, longest };
}

/** "1,234.5 h", "0.4 h". */
export const formatHours = (hours: number): string => `${hours.toLocaleString('en-US', { maximumFractionDigits: hours < 10 ? 1 : 0 })} h`;
