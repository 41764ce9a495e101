import type { Host } from '../../../../shared/contract/hosts';
import type { AppState } from '../../../app/store';

export interface HostRow {
  kind: 'group' | 'host';
  key: string;
  label: string;
  host?: Host;
  count?: number;
}

/** Filter by any field (name, address, user, group, tag, notes). */
function matches(host: Host, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return [host.id, host.hostname, host.user, ...host.groups, ...host.tags, host.notes, host.proxyJump ?? ''].some((v) => v.toLowerCase().includes(needle));
}

export const hostsSelectors = {
  hostList: (s: AppState) => s.hostList,
  problems: (s: AppState) => s.hostList?.problems ?? [],
  selected: (s: AppState) => s.selectedHostIds,
  /** The rows the virtual list draws: group headers and hosts, filtered. */
  rows: (hosts: Host[], filter: string, grouping: AppState['hostGrouping']): HostRow[] => {
    const visible = hosts.filter((h) => matches(h, filter));
    if (grouping === 'none') return visible.map((host) => ({ kind: 'host', key: host.id, label: host.id, host }));
    const buckets = new Map<string, Host[]>();
    for (const host of visible) {
      const keys = grouping === 'group' ? host.groups : host.tags;
      for (const key of keys.length ? keys : [grouping === 'group' ? '(no group)' : '(no tag)']) {
        if (!buckets.has(key)) buckets.set(key, []);
        buckets.get(key)!.push(host);
      }
    }
    const rows: HostRow[] = [];
    for (const [name, members] of [...buckets.entries()].sort(([a], [b]) => (a.startsWith('(') ? 1 : b.startsWith('(') ? -1 : a.localeCompare(b)))) {
      rows.push({ kind: 'group', key: `g:${name}`, label: name, count: members.length });
      for (const host of members) rows.push({ kind: 'host', key: `${name}/${host.id}`, label: host.id, host });
    }
    return rows;
  },
};
