import { useEffect } from 'react';
import { NotBuiltYet } from '../features/placeholder/NotBuiltYet';
import { SettingsView } from '../features/settings/SettingsView';
import { shellSelectors } from '../features/shell/store/selectors';
import { TerminalsView } from '../features/terminals/TerminalsView';
import { ActivityBar } from '../ui/ActivityBar';
import { CommandPalette } from '../ui/CommandPalette';
import { NoticeBar } from '../ui/NoticeBar';
import { StatusBar } from '../ui/StatusBar';
import { Toasts } from '../ui/Toasts';
import { useAppStore } from './store';

const TITLES = { hosts: 'Hosts', clusters: 'Clusters', logs: 'Logs', deployments: 'Deployments', cloud: 'Cloud' } as const;

export function App() {
  const view = useAppStore(shellSelectors.activeView);
  const theme = useAppStore(shellSelectors.effectiveTheme);

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
          {view in TITLES ? <NotBuiltYet view={view} title={TITLES[view as keyof typeof TITLES]} /> : null}
        </main>
      </div>
      <StatusBar />
      <CommandPalette />
      <Toasts />
    </div>
  );
}
