import type { HostList } from '../../../../shared/contract/hosts';

export interface HostsState {
  hostList: HostList | undefined;
  hostsLoading: boolean;
  hostsError: string | undefined;
  /** Hosts ticked in the list (for broadcast terminals, snippets). */
  selectedHostIds: string[];
  hostFilter: string;
  hostGrouping: 'none' | 'group' | 'tag';
}

export const hostsInitialState: HostsState = {
  hostList: undefined,
  hostsLoading: false,
  hostsError: undefined,
  selectedHostIds: [],
  hostFilter: '',
  hostGrouping: 'group',
};
