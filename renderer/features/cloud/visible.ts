// The rows the table shows, in its order: filtered and sorted once per change
// of the instances, the filter or the sort (the table, Ctrl/Cmd-A and
// Shift-click ranges all read the same array).
import type { Ec2Instance } from '../../../shared/contract/cloud';
import type { AppState } from '../../app/store';
import { filterInstances, type InstanceFilter } from './model/filter';
import { sortInstances, type CloudSort } from './model/sort';
import { cloudSelectors } from './store/selectors';

let last: { all: Ec2Instance[]; filter: InstanceFilter; sort: CloudSort; rows: Ec2Instance[]; ids: string[] } | undefined;

export function visibleInstances(state: AppState): { rows: Ec2Instance[]; ids: string[] } {
  const all = cloudSelectors.instances(state);
  const { cloudFilter: filter, cloudSort: sort } = state;
  if (last && last.all === all && last.filter === filter && last.sort === sort) return last;
  const rows = sortInstances(filterInstances(all, filter), sort);
  last = { all, filter, sort, rows, ids: rows.map((r) => r.id) };
  return last;
}

export const visibleInstanceIds = (state: AppState): string[] => visibleInstances(state).ids;
