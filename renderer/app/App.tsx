import { useEffect } from 'react';
import { CloudView } from '../features/cloud';
import { ClustersView } from '../features/clusters';
import { DeploymentsView } from '../features/deploy';
import { HostsView } from '../features/hosts/HostsView';
import { LogsView } from '../features/logs';
import { PromptDialog } from '../features/ssh/PromptDialog';
import { FilesPanel } from '../features/files/FilesPanel';
import { ForwardsDialog } from '../features/forwards/ForwardsDialog';
import { SnippetsDialog } from '../features/snippets/SnippetsDialog';
import { SettingsView } from '../features/settings/SettingsView';
import { shellSelectors } from '../features/shell/store/selectors';
import { TerminalsView } from '../features/terminals/TerminalsView';
import { ActivityBar } from '../ui/ActivityBar';
import { CommandPalette } from '../ui/CommandPalette';
import { NoticeBar } from '../ui/NoticeBar';
import { StatusBar } from '../ui/StatusBar';
import { Toasts } from '../ui/Toasts';
import { useAppStore } from './store';

export function App() {
  const view = useAppStore(shellSelectors.activeView);
  const theme = useAppStore(shellSelectors.effectiveTheme);
  const filesHostId = useAppStore((s) => s.filesHostId);
  const forwardsHostId = useAppStore((s) => s.forwardsHostId);
  const openFiles = useAppStore((s) => s.openFiles);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <NoticeBar />
      <div className="app-main">
        <ActivityBar />
        <main className="view">
          {/* Terminals stay mounted while another view shows: their sessions keep running. */}
          <TerminalsView visible={view === 'terminals'} />
          {view === 'settings' ? <SettingsView /> : null}
          {view === 'hosts' ? <HostsView /> : null}
          {view === 'clusters' ? <ClustersView /> : null}
          {view === 'cloud' ? <CloudView /> : null}
          {view === 'logs' ? <LogsView /> : null}
          {view === 'deployments' ? <DeploymentsView /> : null}
          {filesHostId ? <FilesPanel hostId={filesHostId} onClose={() => openFiles(undefined)} /> : null}
        </main>
      </div>
      <StatusBar />
      <CommandPalette />
      <PromptDialog />
      <SnippetsDialog />
      {forwardsHostId ? <ForwardsDialog hostId={forwardsHostId} /> : null}
      <Toasts />
    </div>
  );
}
