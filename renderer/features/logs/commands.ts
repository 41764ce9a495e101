// The Logs commands of the palette; they act on the view shown in the Logs tab.
import type { Command } from '../../app/commands';
import type { AppState } from '../../app/store';
import { logsSelectors } from './store/selectors';

const active = (s: AppState) => logsSelectors.activeTab(s);

export const LOG_COMMANDS: Command[] = [
  {
    id: 'logs.openFile',
    title: 'Logs: Open file…',
    category: 'Logs',
    run: (s) => {
      s.showView('logs');
      s.setLogsDialog({ type: 'open', prefill: { kind: 'file' } });
    },
  },
  {
    id: 'logs.export',
    title: 'Logs: Export filtered lines…',
    category: 'Logs',
    enabled: (s) => !!active(s),
    run: (s) => {
      s.showView('logs');
      s.setLogsDialog({ type: 'export', viewId: active(s)!.viewId });
    },
  },
  { id: 'logs.follow', title: 'Logs: Toggle follow', category: 'Logs', enabled: (s) => !!active(s), run: (s) => s.updateLogTab(active(s)!.viewId, { follow: !active(s)!.follow }) },
  { id: 'logs.sourceColumn', title: 'Logs: Toggle source column', category: 'Logs', enabled: (s) => !!active(s), run: (s) => s.updateLogTab(active(s)!.viewId, { showSource: !active(s)!.showSource }) },
];
