// Sorting the instances table by any column. Empty cells go last whichever
// way a column sorts; ties fall back to name, then id, so the order is stable
// between polls.
import type { Ec2Instance, InstanceState } from '../../../../shared/contract/cloud';

export const CLOUD_COLUMNS = ['name', 'id', 'type', 'state', 'region', 'az', 'publicIp', 'privateIp', 'keyName', 'launchTime', 'tags'] as const;
export type CloudColumn = (typeof CLOUD_COLUMNS)[number];

export interface CloudSort {
  column: CloudColumn;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export const DEFAULT_SORT: CloudSort = { column: 'name', dir: 1 };

/** Running first: what costs money, then what is about to. */
const STATE_ORDER: Record<InstanceState, number> = { running: 0, pending: 1, stopping: 2, stopped: 3, 'shutting-down': 4, terminated: 5 };

type Key = string | number | null;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** 10.0.2.9 before 10.0.10.1: an IPv4 address as one number; anything else as text. */
export function ipKey(ip: string | undefined): Key {
  if (!ip) return null;
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return ip;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export const tagText = (tags: Record<string, string>): string =>
  Object.entries(tags)
    .filter(([k]) => k !== 'Name')
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');

function keyOf(instance: Ec2Instance, column: CloudColumn): Key {
  switch (column) {
    case 'state':
      return STATE_ORDER[instance.state];
    case 'publicIp':
      return ipKey(instance.publicIp);
    case 'privateIp':
      return ipKey(instance.privateIp);
    case 'launchTime':
      // The column shows an age: ascending is youngest first.
      return instance.launchTime === null ? null : -instance.launchTime;
    case 'tags':
      return tagText(instance.tags) || null;
    case 'keyName':
      return instance.keyName || null;
    default:
      return instance[column] || null;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(String(a), String(b));
}

export function compareInstances(a: Ec2Instance, b: Ec2Instance, sort: CloudSort): number {
  const ka = keyOf(a, sort.column);
  const kb = keyOf(b, sort.column);
  if (ka === null || kb === null) {
    if (ka !== kb) return ka === null ? 1 : -1;
  } else {
    const c = compareKeys(ka, kb);
    if (c !== 0) return c * sort.dir;
  }
  return compareNames(a, b);
}

/** The tie-break: by name (unnamed last), then id. */
function compareNames(a: Ec2Instance, b: Ec2Instance): number {
  if (!a.name !== !b.name) return a.name ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortInstances(instances: readonly Ec2Instance[], sort: CloudSort): Ec2Instance[] {
  return [...instances].sort((a, b) => compareInstances(a, b, sort));
}

/** Clicking a column: sort by it, or reverse it if it is the one sorted by. */
export const nextSort = (current: CloudSort, column: CloudColumn): CloudSort => (current.column === column ? { column, dir: current.dir === 1 ? -1 : 1 } : { column, dir: 1 });
