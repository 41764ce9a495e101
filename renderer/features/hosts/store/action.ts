import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { HostInput } from '../../../../shared/contract/hosts';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { hostsInitialState, type HostsState } from './initialState';

export interface HostsActions {
  loadHosts(): Promise<void>;
  /** Re-list whenever the files change on disk (once, at start-up). */
  followHosts(): void;
  saveHost(input: HostInput): Promise<boolean>;
  removeHost(id: string): Promise<void>;
  importAnsible(path: string): Promise<string | undefined>;
  toggleHostSelected(id: string): void;
  setHostSelection(ids: string[]): void;
  setHostFilter(filter: string): void;
  setHostGrouping(grouping: HostsState['hostGrouping']): void;
}

export type HostsSlice = HostsState & HostsActions;

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

export const createHostsSlice: StateCreator<AppState, [], [], HostsSlice> = (set, get) => ({
  ...hostsInitialState,

  async loadHosts() {
    set({ hostsLoading: true });
    try {
      const hostList = await api().hosts.list({});
      const ids = new Set(hostList.hosts.map((h) => h.id));
      set((s) => ({ hostList, hostsError: undefined, selectedHostIds: s.selectedHostIds.filter((id) => ids.has(id)) }));
    } catch (error) {
      set({ hostsError: message(error) });
    } finally {
      set({ hostsLoading: false });
    }
  },

  followHosts() {
    api().hosts.changes({}, { onEvent: () => void get().loadHosts() });
  },

  async saveHost(input) {
    try {
      await api().hosts.save(input);
      await get().loadHosts();
      return true;
    } catch (error) {
      get().pushToast(`Host not saved: ${message(error)}`);
      return false;
    }
  },

  async removeHost(id) {
    try {
      await api().hosts.remove({ id });
      await get().loadHosts();
    } catch (error) {
      get().pushToast(`Host not removed: ${message(error)}`);
    }
  },

  async importAnsible(path) {
    try {
      const result = await api().hosts.importAnsible({ path });
      await get().loadHosts();
      const parts = [`${result.added.length} host${result.added.length === 1 ? '' : 's'} added`];
      if (result.skipped.length) parts.push(`${result.skipped.length} already present (${result.skipped.slice(0, 5).join(', ')}${result.skipped.length > 5 ? ', …' : ''})`);
      if (result.problems.length) parts.push(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: ${result.problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
      return parts.join('; ');
    } catch (error) {
      get().pushToast(`Import failed: ${message(error)}`);
      return undefined;
    }
  },

  toggleHostSelected: (id) => set((s) => ({ selectedHostIds: s.selectedHostIds.includes(id) ? s.selectedHostIds.filter((x) => x !== id) : [...s.selectedHostIds, id] })),
  setHostSelection: (ids) => set({ selectedHostIds: ids }),
  setHostFilter: (hostFilter) => set({ hostFilter }),
  setHostGrouping: (hostGrouping) => set({ hostGrouping }),
});
