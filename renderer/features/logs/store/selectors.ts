import type { AppState } from '../../../app/store';
import type { LogTab } from './initialState';
import { columnsKey } from '../model/sources';

const NO_COLUMNS: string[] = [];

export const logsSelectors = {
  tabs: (s: AppState) => s.logTabs,
  activeTab: (s: AppState): LogTab | undefined => s.logTabs.find((t) => t.viewId === s.activeLogView),
  /** Field columns chosen for views of this kind of source (settings `logs.columns`). */
  columns: (tab: LogTab | undefined) => (s: AppState): string[] => (tab ? s.settings.logs?.columns[columnsKey(tab.specs)] : undefined) ?? NO_COLUMNS,
};
