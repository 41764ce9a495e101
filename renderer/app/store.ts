// The app's one zustand store, cut into one slice per feature. Components read
// through the slices' selectors; high-rate data (terminal bytes) never enters it.
import { create } from 'zustand';
import { createCloudSlice, type CloudSlice } from '../features/cloud/store/action';
import { createClustersSlice, type ClustersSlice } from '../features/clusters/store/action';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/store/action';
import { createDeploySlice, type DeploySlice } from '../features/deploy/store/action';
import { createFleetSlice, type FleetSlice } from '../features/fleet/store/action';
import { createHostsSlice, type HostsSlice } from '../features/hosts/store/action';
import { createLogsSlice, type LogsSlice } from '../features/logs/store/action';
import { createShellSlice, type ShellSlice } from '../features/shell/store/action';
import { createSnippetsSlice, type SnippetsSlice } from '../features/snippets/store/action';
import { createSshSlice, type SshSlice } from '../features/ssh/store/action';
import { createTerminalsSlice, type TerminalsSlice } from '../features/terminals/store/action';

export type AppState = ShellSlice & SettingsSlice & TerminalsSlice & SshSlice & HostsSlice & SnippetsSlice & FleetSlice & ClustersSlice & CloudSlice & LogsSlice & DeploySlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createShellSlice(...args),
  ...createSettingsSlice(...args),
  ...createTerminalsSlice(...args),
  ...createSshSlice(...args),
  ...createHostsSlice(...args),
  ...createSnippetsSlice(...args),
  ...createFleetSlice(...args),
  ...createClustersSlice(...args),
  ...createCloudSlice(...args),
  ...createLogsSlice(...args),
  ...createDeploySlice(...args),
}));
